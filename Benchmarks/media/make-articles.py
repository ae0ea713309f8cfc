#!/usr/bin/env python3
"""Writes N generated news articles as a Media Cloud-style CSV for the frame-matching benchmark (issue 12).

Independent of Sanarip: the words come from a small ky/ru vocabulary of news prose with inflected forms of the
programme's frame terms mixed in (about one article in three mentions a frame), dates spread over 2024-2026,
eight outlets. With COPIES > 0 (a share, e.g. 0.1) that share of articles are syndicated copies of one of the last
1,000 articles in another outlet, with about 2% of words replaced and sometimes a wire-service lead (for
`sanarip media copies`). Usage: make-articles.py N WORDS OUT.csv [SEED] [COPIES]
"""
import csv, random, sys

n, words, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 2026)
copies = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
recent = []
filler_ky = ("жана менен үчүн боюнча деп бул жылы анын болуп керек тарабынан кийин эмес дагы шаар айыл өкмөт "
             "министрлик жарандар маалымат жаңылык кабар аймак облусу Ош Каракол Бишкек жумушу долбоор бюджет").split()
filler_ru = ("и в на что по для не это с из от года как при город село министерство граждане информация новости "
             "область район проект бюджет работа заявил сообщил отметил также будет были Ош Каракол Бишкек").split()
frame_ky = ("интернетке жетүү|мобилдик байланыштын|базалык станцияларды|тарифтер|кымбатташы|санариптик сабаттуулук|"
            "тренингдерге|электрондук кызматтар|Түндүк системасы|алдамчылар|кибер чабуул|аялдардын|жаштарга|"
            "бөгөттөлгөн|жалган маалымат|онлайн соода|стартаптар|айылдык жерлерде").split("|")
frame_ru = ("доступа к интернету|покрытие|сотовой связи|тарифы|стоимость интернета|цифровой грамотности|тренинги|"
            "государственных услуг|Тундук|мошенники|кибербезопасность|женщины|молодежи|блокировка|законопроект|"
            "интернет-магазины|стартапов|сельской местности").split("|")
outlets = [("24.kg", "24.kg", "ru"), ("Kaktus.media", "kaktus.media", "ru"), ("AKIpress", "akipress.org", "ru"),
           ("Kabar", "kabar.kg", "ky"), ("Азаттык", "azattyk.org", "ky"), ("Kloop", "kloop.kg", "ru"),
           ("Super.kg", "super.kg", "ky"), ("Turmush", "turmush.kg", "ky")]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "indexed_date", "language", "media_name", "media_url", "publish_date", "title", "url", "text"])
    for i in range(n):
        name, domain, lang = outlets[i % len(outlets)]
        filler, frames = (filler_ky, frame_ky) if lang == "ky" else (filler_ru, frame_ru)
        body = []
        if copies > 0 and recent and rng.random() < copies:
            body = list(rng.choice(recent))
            for _ in range(max(1, len(body) // 50)):
                body[rng.randrange(len(body))] = rng.choice(filler)
            if rng.random() < 0.3:
                body = ["БИШКЕК", "Кабар"] + body
        else:
            for _ in range(words):
                body.append(rng.choice(frames) if rng.random() < 0.004 else rng.choice(filler))
            if copies > 0:
                recent = (recent + [body])[-1000:]
        title = " ".join(rng.choice(filler) for _ in range(6)).capitalize()
        day = rng.randrange(0, 3 * 365)
        year, doy = 2024 + day // 365, day % 365
        month, dom = 1 + doy // 31 % 12, 1 + doy % 28
        date = f"{year}-{month:02d}-{dom:02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00"
        w.writerow([f"s{i}", date, lang, name, domain, date, title, f"https://{domain}/news/{i}", " ".join(body)])
