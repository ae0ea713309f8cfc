#!/usr/bin/env python3
"""Exact near-duplicate groups of a Media Cloud-style CSV, independent of Sanarip: each article's text lowercased and
cut into words of letters and digits, word 5-shingles as sets, every pair sharing a shingle compared by exact Jaccard
similarity, pairs at or above the threshold linked, groups = connected components (texts under 12 words never
grouped). Prints the same figures as `sanarip media copies`: articles, groups of two or more, copies beyond each
group's first. Usage: copies-peer.py ARTICLES.csv [THRESHOLD=0.8]
"""
import csv, re, sys
from collections import defaultdict

path = sys.argv[1]
threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.8
csv.field_size_limit(1 << 30)
shingles = []
with open(path, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        text = row.get("text") or row.get("title") or ""
        words = re.findall(r"[^\W_]+", text.lower())
        shingles.append(frozenset(tuple(words[i:i + 5]) for i in range(max(1, len(words) - 4))) if len(words) >= 12 else frozenset())
index = defaultdict(list)
for article, found in enumerate(shingles):
    for shingle in found:
        index[shingle].append(article)
parent = list(range(len(shingles)))
def root(node):
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node
checked = set()
for members in index.values():
    for i, first in enumerate(members):
        for second in members[i + 1:]:
            if (first, second) in checked:
                continue
            checked.add((first, second))
            a, b = shingles[first], shingles[second]
            if len(a & b) / len(a | b) >= threshold:
                ra, rb = root(first), root(second)
                parent[max(ra, rb)] = min(ra, rb)
sizes = defaultdict(int)
for article in range(len(shingles)):
    sizes[root(article)] += 1
groups = sum(1 for size in sizes.values() if size > 1)
copies = sum(size - 1 for size in sizes.values() if size > 1)
print(f"peer (exact Jaccard): {len(shingles)} articles, {groups} groups of copies, {copies} copies counted once (Jaccard >= {threshold})")
