#!/usr/bin/env python3
"""The peer of the frame-matching benchmark: what a researcher writes in Python without Sanarip — one compiled
regular expression per term (stems as \\w*, whole words bounded), each run over every lowercased article, counting
the articles per frame and month. Reads the articles CSV and the frame dictionary CSV; LIMIT: only the first LIMIT
articles. Prints its counts on standard error. Usage: peer.py ARTICLES.csv FRAMES.csv [LIMIT]
"""
import collections, csv, re, sys

csv.field_size_limit(10**9)
frames = []
with open(sys.argv[2], encoding="utf-8") as f:
    rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
header = rows[0]
for r in rows[1:]:
    record = dict(zip(header, r))
    patterns = []
    for lang in ("ky", "ru", "en"):
        for term in filter(None, (t.strip() for t in record.get("terms_" + lang, "").split(";"))):
            words = []
            for w in term.lower().replace("ё", "е").split():
                stem = w.endswith("*")
                w = "".join(c for c in w if c.isalnum())
                words.append(re.escape(w) + (r"\w*" if stem else ""))
            patterns.append(re.compile(r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)"))
    frames.append((record["frame"], patterns))
counts = collections.Counter()
totals = collections.Counter()
limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
with open(sys.argv[1], encoding="utf-8") as f:
    for number, row in enumerate(csv.DictReader(f)):
        if limit is not None and number >= limit:
            break
        text = (row["title"] + "\n" + row["text"]).lower().replace("ё", "е")
        month = row["publish_date"][:7]
        totals[month] += 1
        for key, patterns in frames:
            if any(p.search(text) for p in patterns):
                counts[(month, key)] += 1
print(f"peer: {sum(totals.values())} articles, {len(totals)} months, {sum(counts.values())} article-frame pairs", file=sys.stderr)
