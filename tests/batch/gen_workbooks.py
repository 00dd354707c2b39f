#!/usr/bin/env python3
"""gen_workbooks.py SRC_DIR N OUT_DIR [DISTINCT=200] — N workbooks for the batch tests: the
shipped samples round robin, DISTINCT variants each with some numeric input cells of its sheets
scaled (another unit's figures, so some fail their checks), the rest byte copies of those
variants under their own names, and 1 in 50 cut short (an unreadable upload)."""
import os, re, shutil, sys, zipfile, random

src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
distinct = int(sys.argv[4]) if len(sys.argv) > 4 else 200
os.makedirs(out, exist_ok=True)
samples = sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".xlsx"))
pat = re.compile(rb'(<c r="[A-Z]+\d+"[^>]*>)<v>(-?\d+(?:\.\d+)?)</v></c>')
cache = {}
for p in samples:
    with zipfile.ZipFile(p) as z:
        cache[p] = [(i, z.read(i.filename)) for i in z.infolist()]
rng = random.Random(20240601)
for k in range(n):
    p = samples[k % len(samples)]
    name = os.path.join(out, "unit%05d_%s" % (k, os.path.basename(p)))
    parts = cache[p]
    if k >= distinct and k % 50 != 49:
        shutil.copyfile(os.path.join(out, "unit%05d_%s" % (k % distinct, os.path.basename(samples[(k % distinct) % len(samples)]))), name)
        continue
    if k % 50 == 49:
        with open(p, "rb") as f:
            data = f.read()
        with open(name, "wb") as f:
            f.write(data[: len(data) // 3])
        continue
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info, data in parts:
            if info.filename.startswith("xl/worksheets/sheet") and k % len(samples) != k:
                f = 0.5 + rng.random()
                data = pat.sub(lambda m: m.group(1) + b"<v>" + (b"%.2f" % (float(m.group(2)) * f) if rng.random() < 0.3
                                                                 else m.group(2)) + b"</v></c>", data)
            z.writestr(info.filename, data)
