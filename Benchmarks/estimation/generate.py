#!/usr/bin/env python3
"""Writes a generated survey of ROWS respondents: 100 strata x 40 PSUs, 7 oblasts x urban x sex x 5 age groups
(140 domains), two numeric outcomes and a 0/1 indicator. Usage: generate.py OUT.csv [ROWS]"""
import random
import sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
strata, psus = 100, 40
per_psu = rows // (strata * psus)
oblasts = ["Batken", "Chui", "Issyk-Kul", "Jalal-Abad", "Naryn", "Osh", "Talas"]
ages = ["15-24", "25-34", "35-44", "45-59", "60+"]
random.seed(20261127)
with open(out, "w") as f:
    f.write("stratum,psu,weight,oblast,urban,sex,age,y1,y2,internet\n")
    for s in range(1, strata + 1):
        oblast = oblasts[(s - 1) % len(oblasts)]
        for p in range(1, psus + 1):
            urban = "urban" if (p + s) % 3 == 0 else "rural"
            weight = round(random.uniform(80, 400), 3)
            effect = random.gauss(0, 8)
            lines = []
            for _ in range(per_psu):
                sex = "F" if random.random() < 0.52 else "M"
                age = random.randrange(5)
                y1 = round(50 + effect + 6 * (urban == "urban") - 2 * age + random.gauss(0, 15), 3)
                y2 = round(max(0.0, 200 + 3 * effect + random.gauss(0, 60)), 2)
                chance = 0.55 + 0.2 * (urban == "urban") - 0.08 * age + effect / 100
                internet = 1 if random.random() < chance else 0
                lines.append(f"{s},{p},{weight},{oblast},{urban},{sex},{ages[age]},{y1},{y2},{internet}\n")
            f.write("".join(lines))
