#!/usr/bin/env python3
"""Times workspace pages of a running `sanarip serve` on loopback: signs in as admin, then GETs each path
REPEAT times, printing one line per path: the first request (cold when the server has just started) and the
median of the others (warm). Usage: pages.py BASE PASSWORD REPEAT PATH..."""
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, password, repeat, paths = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(base + "/login").read().decode()
token = re.search(r'name="_csrf" value="([0-9a-f]+)"', page).group(1)
form = urllib.parse.urlencode({"_csrf": token, "username": "admin", "password": password, "next": "/"}).encode()
opener.open(base + "/login", data=form).read()
for path in paths:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with opener.open(base + path) as response:
            body = response.read()
            status = response.status
        times.append(time.perf_counter() - start)
        if status != 200:
            sys.exit(f"{path}: HTTP {status}")
    warm = statistics.median(times[1:]) if len(times) > 1 else float("nan")
    print(f"{path} first {times[0]:.3f}s warm-median {warm:.3f}s bytes {len(body)}")
