#!/usr/bin/env python3
"""Writes a large multilingual XLSForm as CSV sheets (survey, choices, settings) for the conversion benchmark.

Usage: generate_form.py OUT_DIR [QUESTIONS]   (default 2000 questions, three languages)
Deterministic: the same arguments give the same files.
"""
import csv
import os
import random
import sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = random.Random(20261127)
langs = [("Kyrgyz (ky)", "Суроо"), ("Russian (ru)", "Вопрос"), ("English (en)", "Question")]
os.makedirs(out, exist_ok=True)

header = ["type", "name"] + [f"label::{l}" for l, _ in langs] + [f"hint::{l}" for l, _ in langs] + [
    "required", "relevant", "constraint"] + [f"constraint_message::{l}" for l, _ in langs] + ["calculation", "appearance", "choice_filter"]
rows = [header]
lists = 40
names = []
section = 0
count = 0
while count < total:
    section += 1
    rows.append(["begin_group", f"s{section}"] + [f"{w} {section}" for _, w in langs] + [""] * (len(header) - 5))
    for _ in range(25):
        if count >= total:
            break
        count += 1
        name = f"q{count}"
        kind = rng.choice(["integer", "text", "select_one", "select_multiple", "decimal", "date", "calculate", "note"])
        row = dict.fromkeys(header, "")
        row["name"] = name
        for l, w in langs:
            row[f"label::{l}"] = f"{w} {count}: {'ө' if l.startswith('K') else 'ж'} текст {rng.randint(1, 999)}"
            row[f"hint::{l}"] = f"{w} hint {count}"
        if kind in ("select_one", "select_multiple"):
            row["type"] = f"{kind} list{rng.randint(1, lists)}"
        elif kind == "calculate":
            row["type"] = "calculate"
            for l, _ in langs:
                row[f"label::{l}"] = ""
                row[f"hint::{l}"] = ""
            prev = [n for n, k in names if k == "integer"]
            row["calculation"] = f"${{{prev[-1]}}} * 2" if prev else "1 + 1"
        else:
            row["type"] = kind
        if kind == "integer":
            row["constraint"] = ". >= 0 and . <= 120"
            for l, w in langs:
                row[f"constraint_message::{l}"] = f"0–120 ({w})"
            row["required"] = "yes"
        if names and rng.random() < 0.4:
            target, tkind = rng.choice(names[-30:])
            if tkind == "integer":
                row["relevant"] = f"${{{target}}} > 10"
            elif tkind.startswith("select_one"):
                row["relevant"] = f"${{{target}}} = 'c1'"
            elif tkind.startswith("select_multiple"):
                row["relevant"] = f"selected(${{{target}}}, 'c2')"
        names.append((name, row["type"]))
        rows.append([row[h] for h in header])
    rows.append(["end_group", ""] + [""] * (len(header) - 2))

with open(os.path.join(out, "survey.csv"), "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
with open(os.path.join(out, "choices.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["list_name", "name"] + [f"label::{l}" for l, _ in langs])
    for i in range(1, lists + 1):
        for c in range(1, 9):
            w.writerow([f"list{i}", f"c{c}"] + [f"{word} {i}.{c}" for _, word in langs])
with open(os.path.join(out, "settings.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["form_title", "form_id", "version", "default_language"])
    w.writerow(["Benchmark form", "bench", "1", "Kyrgyz (ky)"])
print(f"{out}: {count} questions in {section} sections, {lists} choice lists, {len(langs)} languages")
