#!/usr/bin/env python3
"""Writes the raking benchmark survey: RECORDS respondents x 9 columns (id, psu, region, sex, age, w0, y1, y2,
internet) with unequal base weights, and its margins (region 4 levels, sex 2, age group 8) to OUT.csv.margins.csv.
Usage: generate.py OUT.csv [RECORDS]"""
import random
import sys

out = sys.argv[1]
records = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
regions = ["Issyk-Kul urban", "Issyk-Kul rural", "Osh urban", "Osh rural"]
sexes = ["f", "m"]
ages = ["15-19", "20-24", "25-29", "30-39", "40-49", "50-59", "60-69", "70+"]
random.seed(2026)
with open(out, "w") as f:
    f.write("id,psu,region,sex,age,w0,y1,y2,internet\n")
    lines = []
    for i in range(1, records + 1):
        r = random.randrange(4)
        sex = sexes[1] if random.random() < 0.47 else sexes[0]
        age = ages[min(7, int(random.random() * random.random() * 14))]
        w0 = round(0.5 + 2 * random.random() + (1 if r == 3 else 0), 6)
        y1 = round(50 + random.gauss(0, 15), 3)
        lines.append(f"{i},{1 + (i - 1) // 250},{regions[r]},{sex},{age},{w0},{y1},{random.randrange(0, 500)},{int(random.random() < 0.6)}\n")
        if len(lines) == 100_000:
            f.write("".join(lines))
            lines = []
    f.write("".join(lines))
margins = {
    "region": zip(regions, [130_000, 360_000, 100_000, 1_000_000]),
    "sex": zip(sexes, [810_000, 780_000]),
    "age": zip(ages, [170_000, 160_000, 180_000, 300_000, 250_000, 230_000, 180_000, 120_000]),
}
with open(out + ".margins.csv", "w") as f:
    f.write("variable,level,total\n")
    for variable, levels in margins.items():
        for level, total in levels:
            f.write(f"{variable},{level},{total}\n")
