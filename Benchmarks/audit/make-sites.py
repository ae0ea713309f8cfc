#!/usr/bin/env python3
"""Writes SITES fixture municipal websites of PAGES pages each under OUT/siteNNN/ (UTF-8 HTML of about 40 KB,
Kyrgyz and Russian text, a navigation menu of PAGES-1 links that matter, contacts, dates, documents, forms), and
OUT/sites.csv pointing at http://127.0.0.1:PORT/siteNNN/ . Usage: make-sites.py OUT SITES PAGES PORT"""
import os
import sys

out, sites, pages, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
kinds = ["Байланыш", "Бюджет", "Кызматтар", "Айылдык кеңеш", "Документтер", "Жаңылыктар", "Түзүмү", "Кайрылуу"]
ky = ("Айыл өкмөтү жана айылдык кеңеш жарандар үчүн кызмат көрсөтөт. Бул сайтта жаңылыктар, бюджет жана токтомдор "
      "боюнча маалымат жарыяланат. ")
ru = ("Айыл окмоту информирует жителей о работе органов местного самоуправления. На сайте публикуются новости, "
      "бюджет и решения айылного кенеша для всех жителей района. ")
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "robots.txt"), "w") as f:
    f.write("User-agent: *\nDisallow: /private/\n")
rows = ["municipality,url,kind"]
for s in range(sites):
    folder = os.path.join(out, f"site{s:03d}")
    os.makedirs(folder, exist_ok=True)
    links = [(f"p{p:02d}.html", f"{kinds[p % len(kinds)]} {p}") for p in range(1, pages)]
    nav = "<nav><ul>" + "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links) + "</ul></nav>"
    for p in range(pages):
        name = "index.html" if p == 0 else f"p{p:02d}.html"
        body = []
        for k in range(60):
            body.append(f"<article><h2>Жаңылык {k}</h2><p>{(k % 28) + 1:02d}.{(k % 12) + 1:02d}.2026 — {ky}{ru}</p>"
                        f'<img src="/img/{k}.jpg" alt="Сүрөт {k}"></article>')
        html = (f'<!DOCTYPE html><html lang="ky"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>Айыл аймагы {s} — {p}</title>'
                f'</head><body>{nav}<h1>Айыл аймагы {s}</h1>'
                f'<p>Телефон: +996 (3922) 5-{s % 90 + 10:02d}-{p + 10:02d}, e-mail: ao{s}@example.kg, Дарек: Ленин көчөсү {s + 1}</p>'
                f'<p>Иш убактысы 8:00–17:00. Айыл өкмөтүнүн башчысы Асанов Бакыт</p>'
                f'<a href="/files/budget-{s}.pdf">Бюджет 2026</a> <a href="https://portal.tunduk.kg/">Мамлекеттик кызматтар</a>'
                f'<a href="https://www.facebook.com/ao{s}">Facebook</a>'
                f'<form method="post" action="/send"><label for="m">Кайрылуу</label><textarea id="m" name="m"></textarea></form>'
                + "".join(body) + "</body></html>")
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(html)
    rows.append(f"41700000{s:06d},http://127.0.0.1:{port}/site{s:03d}/,website")
with open(os.path.join(out, "sites.csv"), "w") as f:
    f.write("\n".join(rows) + "\n")
