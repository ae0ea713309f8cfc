#!/usr/bin/env python3
"""Writes a synthetic REFI-QDA project: N focus-group transcripts of W words (Russian/Kyrgyz-looking words, turns
of 40-200 words by 8 participants and a moderator), coded by two coders with 20 codes, overlapping selections.
Usage: make-project.py N W OUT.qdpx [SEED]"""
import random, sys, uuid, zipfile
from xml.sax.saxutils import escape, quoteattr

n, words, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 2026)
vocab = ["интернет", "телефон", "байланыш", "акча", "кызмат", "Түндүк", "услуга", "дорого", "айыл", "село", "үйрөнүү",
         "обучение", "балдар", "время", "коопсуздук", "мошенник", "сайт", "ЦОН", "трафик", "жок", "бар", "очень", "мен", "мы"]
g = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))
coders = [(g(), "aida"), (g(), "nurlan")]
codes = [(g(), "code%02d" % i) for i in range(20)]
variables = [(g(), "sex"), (g(), "role")]
sources, cases = [], []
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for s in range(n):
        people = [("M%d" % (s + 1), "moderator")] + [("P%d" % (s * 8 + i + 1), "participant") for i in range(8)]
        for name, role in people:
            cases.append((g(), name, rng.choice(["female", "male"]), role))
        lines, count = [], 0
        while count < words:
            speaker = rng.choice(people)[0]
            k = rng.randint(40, 200)
            lines.append("[00:%02d:%02d] %s: %s" % (len(lines) // 60 % 60, len(lines) % 60, speaker, " ".join(rng.choice(vocab) for _ in range(k))))
            count += k
        text = "\n".join(lines) + "\n"
        guid = g()
        z.writestr("Sources/%s.txt" % guid, text)
        length = len(text)
        selections = []
        for _ in range(150):
            start = rng.randrange(0, length - 400)
            end = start + rng.randint(20, 400)
            code = rng.choice(codes)[0]
            for coder, _ in coders:
                if rng.random() < 0.8:
                    jitter = rng.randint(-15, 15)
                    selections.append((g(), max(0, start + jitter), min(length, end + jitter), coder, code if rng.random() < 0.9 else rng.choice(codes)[0]))
        sources.append((guid, "fg-%03d" % s, selections))
    x = ['<?xml version="1.0" encoding="UTF-8"?>', '<Project xmlns="urn:QDA-XML:project:1.0" name="bench" origin="make-project.py">', "<Users>"]
    x += ['<User guid="%s" name="%s"/>' % c for c in coders] + ["</Users>", "<CodeBook><Codes>"]
    x += ['<Code guid="%s" name="%s" isCodable="true"/>' % c for c in codes] + ["</Codes></CodeBook>", "<Variables>"]
    x += ['<Variable guid="%s" name="%s" typeOfVariable="Text"/>' % v for v in variables] + ["</Variables>", "<Cases>"]
    for guid, name, sex, role in cases:
        x.append('<Case guid="%s" name="%s"><VariableValue><VariableRef targetGUID="%s"/><TextValue>%s</TextValue></VariableValue>'
                 '<VariableValue><VariableRef targetGUID="%s"/><TextValue>%s</TextValue></VariableValue></Case>' % (guid, name, variables[0][0], sex, variables[1][0], role))
    x += ["</Cases>", "<Sources>"]
    for guid, name, selections in sources:
        x.append('<TextSource guid="%s" name="%s" plainTextPath="internal://%s.txt">' % (guid, name, guid))
        for sg, a, b, coder, code in selections:
            x.append('<PlainTextSelection guid="%s" startPosition="%d" endPosition="%d" creatingUser="%s"><Coding guid="%s" creatingUser="%s"><CodeRef targetGUID="%s"/></Coding></PlainTextSelection>' % (sg, a, b, coder, g(), coder, code))
        x.append("</TextSource>")
    x += ["</Sources>", "</Project>"]
    z.writestr("project.qde", "\n".join(x))
