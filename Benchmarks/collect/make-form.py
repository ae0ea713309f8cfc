#!/usr/bin/env python3
"""Writes a 250-question XLSForm folder (survey.csv, choices.csv, settings.csv) for the collection benchmark:
ten groups of 25 questions mixing select_one, select_multiple, integer, decimal, text and date, as a long household
questionnaire has them. Usage: make-form.py FOLDER"""
import csv, os, sys

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
kinds = ["select_one yn", "select_multiple apps", "integer", "text", "select_one scale", "decimal", "date"]
survey = [["type", "name", "label::English (en)", "label::Russian (ru)"]]
for group in range(10):
    survey.append(["begin_group", f"g{group}", f"Section {group}", f"Раздел {group}"])
    for item in range(25):
        number = group * 25 + item
        survey.append([kinds[number % len(kinds)], f"q{number}", f"Question {number}", f"Вопрос {number}"])
    survey.append(["end_group", "", "", ""])
choices = [["list_name", "name", "label::English (en)", "label::Russian (ru)"],
           ["yn", "1", "Yes", "Да"], ["yn", "0", "No", "Нет"]]
choices += [["apps", a, a.title(), a.title()] for a in ["whatsapp", "telegram", "instagram", "facebook", "tiktok", "youtube"]]
choices += [["scale", str(v), f"Level {v}", f"Уровень {v}"] for v in range(1, 6)]
for name, rows in [("survey.csv", survey), ("choices.csv", choices),
                   ("settings.csv", [["form_id", "version", "form_title", "default_language"], ["bench250", "1", "Benchmark 250", "English (en)"]])]:
    with open(os.path.join(folder, name), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
