#!/usr/bin/env python3
"""Times `sanarip form convert` against pyxform on the same .xlsx, in the same run.

Usage: bench.py SANARIP_BINARY FORM.xlsx [RUNS]
Prints one line per tool (median and min of RUNS wall-clock runs) and the ratio.
pyxform is measured twice: as its command-line tool (what users run, Python start-up included)
and in-process (pyxform.xls2xform.convert, start-up excluded), ODK Validate skipped in both.
"""
import statistics
import subprocess
import sys
import tempfile
import time

binary, form = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
out = tempfile.mkdtemp()


def timed(cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


sanarip = timed([binary, "form", "convert", form, "-o", f"{out}/sanarip.xml"])
pyxform_cli = timed([sys.executable, "-m", "pyxform.xls2xform", "--skip_validate", form, f"{out}/pyxform.xml"])

from pyxform.xls2xform import convert  # noqa: E402

times = []
for _ in range(runs):
    start = time.perf_counter()
    convert(xlsform=form, validate=False, pretty_print=True)
    times.append(time.perf_counter() - start)
pyxform_lib = (statistics.median(times), min(times))

print(f"sanarip form convert      median {sanarip[0]*1000:8.1f} ms  min {sanarip[1]*1000:8.1f} ms")
print(f"pyxform xls2xform (CLI)   median {pyxform_cli[0]*1000:8.1f} ms  min {pyxform_cli[1]*1000:8.1f} ms")
print(f"pyxform convert() (lib)   median {pyxform_lib[0]*1000:8.1f} ms  min {pyxform_lib[1]*1000:8.1f} ms")
print(f"ratio vs pyxform CLI: {pyxform_cli[0]/sanarip[0]:.1f}x faster; vs pyxform library call: {pyxform_lib[0]/sanarip[0]:.1f}x faster")
