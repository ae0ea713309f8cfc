#!/usr/bin/env python3
"""Regenerate the location cascade (oblast -> district -> municipality) in the built-in questionnaire.

Reads  data/frames/municipalities.csv       (the sampling frame: names in ky/ru/en, one row per municipality)
       data/frames/municipalities_soate.csv (14-digit SOATE code of each municipality)
joins them on (oblast, district, municipality_ru), and rewrites the `oblast`, `district` and
`municipality` lists of instruments/digital-divide-kg/choices.csv. Every other row of choices.csv is kept
exactly as it is, in the same order; the location lists are written where they were (at the top if absent).

Choice names are SOATE codes (14 digits):
  municipality = soate_code from municipalities_soate.csv (official code of the ayil aimak / town / city)
  district     = first 8 digits + "000000"  (district or city of oblast significance)
  oblast       = first 5 digits + "000000000"
The filter columns `oblast` and `district` of each child row hold its parent's code, for choice_filter.

Stdlib only. Usage (from anywhere):  python3 scripts/build-location-choices.py [--check]
  --check  do not write; exit 1 if choices.csv is not up to date.
"""
import csv
import io
import os
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRAME = os.path.join(ROOT, "data", "frames", "municipalities.csv")
SOATE = os.path.join(ROOT, "data", "frames", "municipalities_soate.csv")
CHOICES = os.path.join(ROOT, "instruments", "digital-divide-kg", "choices.csv")

HEADER = ["list_name", "name", "label::Kyrgyz (ky)", "label::Russian (ru)", "label::English (en)", "oblast", "district"]
LOCATION_LISTS = ("oblast", "district", "municipality")

# Labels of the parent levels; the frame only names them in English.
OBLASTS = {
    "Issyk-Kul": ("Ысык-Көл облусу", "Иссык-Кульская область", "Issyk-Kul oblast"),
    "Osh": ("Ош облусу", "Ошская область", "Osh oblast"),
}
DISTRICTS = {
    "Karakol (city of oblast significance)": ("Каракол шаары", "город Каракол", "Karakol city"),
    "Balykchy (city of oblast significance)": ("Балыкчы шаары", "город Балыкчы", "Balykchy city"),
    "Ak-Suu District": ("Ак-Суу району", "Ак-Суйский район", "Ak-Suu District"),
    "Jeti-Oguz District": ("Жети-Өгүз району", "Джети-Огузский район", "Jeti-Oguz District"),
    "Issyk-Kul District": ("Ысык-Көл району", "Иссык-Кульский район", "Issyk-Kul District"),
    "Tong District": ("Тоң району", "Тонский район", "Tong District"),
    "Tup District": ("Түп району", "Тюпский район", "Tup District"),
    "Alay District": ("Алай району", "Алайский район", "Alay District"),
    "Aravan District": ("Араван району", "Араванский район", "Aravan District"),
    "Chong-Alay District": ("Чоң-Алай району", "Чон-Алайский район", "Chong-Alay District"),
    "Kara-Kulja District": ("Кара-Кулжа району", "Кара-Кульджинский район", "Kara-Kulja District"),
    "Kara-Suu District": ("Кара-Суу району", "Кара-Суйский район", "Kara-Suu District"),
    "Nookat District": ("Ноокат району", "Ноокатский район", "Nookat District"),
    "Uzgen (Ozgon) District": ("Өзгөн району", "Узгенский район", "Uzgen (Ozgon) District"),
}


def fail(msg):
    sys.exit(f"build-location-choices: {msg}")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def location_rows():
    frame = read_csv(FRAME)
    soate = {}
    for r in read_csv(SOATE):
        key = (r["oblast"], r["district"], r["municipality_ru"])
        if key in soate:
            fail(f"duplicate key in {SOATE}: {key}")
        code = r["soate_code"].strip()
        if len(code) != 14 or not code.isdigit():
            fail(f"bad SOATE code {code!r} for {key}")
        soate[key] = code

    oblasts, districts, munis = {}, {}, []
    seen = set()
    for r in frame:
        key = (r["oblast"], r["district"], r["municipality_ru"])
        if key not in soate:
            fail(f"no SOATE code for {key}")
        if key in seen:
            fail(f"duplicate municipality in frame: {key}")
        seen.add(key)
        code = soate[key]
        ob_code, di_code = code[:5] + "0" * 9, code[:8] + "0" * 6
        if r["oblast"] not in OBLASTS or r["district"] not in DISTRICTS:
            fail(f"no labels for oblast/district {r['oblast']!r}/{r['district']!r}: add them to this script")
        if oblasts.setdefault(ob_code, r["oblast"]) != r["oblast"]:
            fail(f"oblast code {ob_code} used by two oblasts")
        if districts.setdefault(di_code, (r["oblast"], r["district"], ob_code))[1] != r["district"]:
            fail(f"district code {di_code} used by two districts")
        munis.append([ "municipality", code, r["municipality_ky"].strip(), r["municipality_ru"].strip(),
                       r["municipality_en"].strip(), ob_code, di_code])
    if len(seen) != len(soate):
        fail(f"{len(soate) - len(seen)} SOATE rows have no frame row")
    codes = Counter(m[1] for m in munis)
    if any(n > 1 for n in codes.values()):
        fail("duplicate SOATE codes among municipalities")

    rows = [["oblast", c, *OBLASTS[name], "", ""] for c, name in sorted(oblasts.items())]
    rows += [["district", c, *DISTRICTS[d], ob, ""] for c, (_, d, ob) in sorted(districts.items())]
    rows += sorted(munis, key=lambda m: (m[5], m[6], m[1]))
    return rows


def main():
    check = "--check" in sys.argv[1:]
    with open(CHOICES, encoding="utf-8", newline="") as f:
        existing = list(csv.reader(f))
    if not existing or existing[0] != HEADER:
        fail(f"unexpected header in {CHOICES}: {existing[:1]}")
    body = [r for r in existing[1:] if r]
    first = next((i for i, r in enumerate(body) if r[0] in LOCATION_LISTS), 0)
    kept = [r for r in body if r[0] not in LOCATION_LISTS]
    before = sum(1 for r in body[:first] if r[0] not in LOCATION_LISTS)
    new = [HEADER] + kept[:before] + location_rows() + kept[before:]

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(new)
    text = buf.getvalue()
    with open(CHOICES, encoding="utf-8", newline="") as f:
        current = f.read()
    n = Counter(r[0] for r in new[1:] if r[0] in LOCATION_LISTS)
    summary = ", ".join(f"{k} {n[k]}" for k in LOCATION_LISTS)
    if check:
        if current != text:
            fail(f"{CHOICES} is out of date; run scripts/build-location-choices.py")
        print(f"build-location-choices: up to date ({summary})")
        return
    with open(CHOICES, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print(f"build-location-choices: wrote {summary}; kept {len(kept)} other rows")


if __name__ == "__main__":
    main()
