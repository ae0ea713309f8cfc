#!/usr/bin/env python3
"""Sends COUNT submissions of the 250-question benchmark form to an OpenRosa server from CLIENTS concurrent
clients (threads, one keep-alive connection each), as ODK Collect posts them (multipart xml_submission_file),
and prints the acknowledged (201) count, the wall time and the rate. Bodies are built before the clock starts.
Usage: load.py URL COUNT CLIENTS [FIRST]   (URL is …/key/TOKEN/submission)"""
import http.client, random, sys, threading, time, urllib.parse

url, count, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
parts = urllib.parse.urlsplit(url)
boundary = "----sanarip-bench-boundary"
kinds = ["yn", "apps", "integer", "text", "scale", "decimal", "date"]
apps = ["whatsapp", "telegram", "instagram", "facebook", "tiktok", "youtube"]

def answer(number, rng):
    kind = kinds[number % len(kinds)]
    if kind == "yn": return rng.choice(["0", "1"])
    if kind == "apps": return " ".join(sorted(rng.sample(apps, rng.randint(0, 3))))
    if kind == "integer": return str(rng.randint(0, 120))
    if kind == "text": return rng.choice(["Кара-Суу", "Karakol", "Ош шаары", "нет ответа", "village school"])
    if kind == "scale": return str(rng.randint(1, 5))
    if kind == "decimal": return f"{rng.uniform(0, 1000):.2f}"
    return f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

def body(index):
    rng = random.Random(index)
    groups = []
    for group in range(10):
        items = "".join(f"<q{n}>{answer(n, rng)}</q{n}>" for n in range(group * 25, group * 25 + 25))
        groups.append(f"<g{group}>{items}</g{group}>")
    xml = ('<?xml version="1.0" encoding="UTF-8"?><data xmlns:jr="http://openrosa.org/javarosa" '
           'xmlns:orx="http://openrosa.org/xforms" id="bench250" version="1">' + "".join(groups) +
           f"<meta><instanceID>uuid:{index:08x}-0000-4000-8000-000000000000</instanceID></meta></data>")
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; filename=\"submission.xml\"\r\n"
            f"Content-Type: text/xml\r\n\r\n{xml}\r\n--{boundary}--\r\n").encode()

bodies = [body(first + i) for i in range(count)]
headers = {"X-OpenRosa-Version": "1.0", "Content-Type": f"multipart/form-data; boundary={boundary}"}
lock = threading.Lock()
next_index, acknowledged, failures = 0, 0, {}

def client():
    global next_index, acknowledged
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    while True:
        with lock:
            if next_index >= count: break
            index = next_index; next_index += 1
        try:
            connection.request("POST", parts.path, bodies[index], headers)
            response = connection.getresponse(); response.read()
            status = response.status
        except Exception as error:
            status = type(error).__name__
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        with lock:
            if status == 201: acknowledged += 1
            else: failures[status] = failures.get(status, 0) + 1

start = time.monotonic()
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.monotonic() - start
print(f"acknowledged {acknowledged} wall {wall:.2f} rate {acknowledged / wall:.1f} failures {failures}")
