#!/usr/bin/env python3
"""Builds Tests/SanaripMediaTests/Fixtures/extract/trafilatura-eval.zip from a checkout of trafilatura's tests/
(github:adbar/trafilatura): every 5th page of evaldata.json (sorted by URL) whose HTML is at most 100 KB, plus every
page whose expected text is Cyrillic, with its `with`/`without` snippets in evaldata.json inside the zip.

usage: make-extract-fixtures.py TRAFILATURA/tests OUT.zip
"""
import json, os, re, sys, zipfile

tests, out = sys.argv[1], sys.argv[2]
data = json.load(open(os.path.join(tests, "evaldata.json"), encoding="utf-8"))

def path(item):
    for sub in ("cache", "eval"):
        p = os.path.join(tests, sub, item["file"])
        if os.path.isfile(p):
            return p
    return None

small = [u for u in sorted(data) if path(data[u]) and os.path.getsize(path(data[u])) <= 100_000]
chosen = set(small[::5]) | {u for u in data if path(data[u]) and any(re.search("[а-яА-Я]", w) for w in data[u]["with"])}
subset = {}
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for i, url in enumerate(sorted(chosen)):
        name = f"page{i:03d}.html"
        z.write(path(data[url]), name)
        subset[url] = dict(data[url], file=name)
    z.writestr("evaldata.json", json.dumps(subset, ensure_ascii=False, indent=1))
print(f"{len(subset)} pages -> {out} ({os.path.getsize(out)} bytes)")
