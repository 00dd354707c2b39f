#!/usr/bin/env bash
# batch_scale.sh — a batch of 2,000 generated workbooks (tests/batch/gen_workbooks.py): every
# workbook is in the reports (report.html's table data, report.xlsx's 汇总, report.json's
# counts), workbooks.jsonl has one line each in input order, every detail page exists, and the
# peak RSS (getrusage of the child) of the 2,000 is within 1.2× (+8 MB) of 100 of the same
# files — a leak of a few kB per workbook breaks it. The 100 come through --files-from -.
# Under the sanitizers (SUANPAN_SANITIZED=1, scripts/ci-sanitize) the batch is 300 workbooks: the
# same checks in a seventh of the time, and ASan's quarantine of freed memory (256 MB by default,
# which made the 300 peak at 1.9x the 100 with no leak) is cut to 16 MB, so the RSS check holds.
# Usage: bash batch_scale.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/sp-batch-scale.XXXXXX)
trap 'rm -rf "$T"' EXIT
N=2000
if [ "${SUANPAN_SANITIZED:-0}" = 1 ]; then
  N=300
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
fi
/usr/bin/python3 "$SRC/tests/batch/gen_workbooks.py" "$SRC/workbooks/samples" $N "$T/in" || { echo "FAIL: generator"; exit 1; }

/usr/bin/python3 - "$SP" "$T" $N <<'PY'
import glob, json, os, re, resource, subprocess, sys, time
sp, t, N = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(glob.glob(os.path.join(t, "in", "*.xlsx")))
assert len(files) == N, len(files)
fails = []

def run(args, stdin=None):
    """Runs suanpan in a child (a fork of a fresh python would count our own RSS); peak RSS in kB."""
    code = ("import resource,subprocess,sys;r=subprocess.run(sys.argv[1:],input=sys.stdin.buffer.read(),"
            "stdout=subprocess.DEVNULL);print(r.returncode,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    t0 = time.time()
    p = subprocess.run([sys.executable, "-c", code, sp] + args, input=(stdin or "").encode(), capture_output=True)
    rc, rss = p.stdout.decode().split()
    return int(rc), int(rss), time.time() - t0

rc, rss100, s100 = run(["batch", "--files-from", "-", "--out", os.path.join(t, "o100"), "-j", "2", "-q"],
                       "\n".join(files[:100]) + "\n")
if rc != 0: fails.append("100: exit %d" % rc)
rc, rss2000, s2000 = run(["batch", os.path.join(t, "in"), "--out", os.path.join(t, "o2000"), "-j", "2", "-q"])
if rc != 0: fails.append("%d: exit %d" % (N, rc))
print("peak RSS: 100 workbooks %.1f MB (%.1f s), %d workbooks %.1f MB (%.1f s)" % (rss100 / 1024, s100, N, rss2000 / 1024, s2000))
if rss2000 > rss100 * 1.2 + 8 * 1024:
    fails.append("peak RSS grows with the number of workbooks: %d kB for %d, %d kB for 100" % (rss2000, N, rss100))

out = os.path.join(t, "o2000")
rows = [json.loads(l) for l in open(os.path.join(out, "workbooks.jsonl"), encoding="utf-8")]
if [r["path"] for r in rows] != files: fails.append("workbooks.jsonl: not one line per input in input order")
if [r["index"] for r in rows] != list(range(N)): fails.append("workbooks.jsonl: indexes")
missing = [r["path"] for r in rows if not os.path.isfile(os.path.join(out, r["detail"]))]
if missing: fails.append("%d detail pages missing, e.g. %s" % (len(missing), missing[0]))
statuses = {}
for r in rows: statuses[r["status"]] = statuses.get(r["status"], 0) + 1
if statuses.get("unreadable", 0) < N // 50: fails.append("the cut-short copies are not all unreadable: %r" % statuses)

rep = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
if rep["summary"]["workbooks"] != N: fails.append("report.json summary: %r" % rep["summary"])
if N > 1000:  # beyond kInlineJsonRows the rows are only in workbooks.jsonl
    if "workbooks" in rep or rep.get("workbooks_file") != "workbooks.jsonl": fails.append("report.json does not point to workbooks.jsonl")
elif len(rep.get("workbooks", [])) != N: fails.append("report.json: not every workbook inline")
if rep["summary"]["unreadable"] != statuses.get("unreadable", 0): fails.append("report.json unreadable count")

html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
m = re.search(r"window\.SP_ROWS=\[\n(.*?)\];</script>", html, re.S)
if not m: fails.append("report.html has no table data")
else:
    data = json.loads("[" + m.group(1).rstrip().rstrip(",") + "]")
    if [d[0] for d in data] != files: fails.append("report.html table does not list every workbook in order")
if os.path.getsize(os.path.join(out, "report.html")) > 2_000_000: fails.append("report.html over 2 MB for %d workbooks" % N)

import openpyxl
wb = openpyxl.load_workbook(os.path.join(out, "report.xlsx"), read_only=True)
listed = [r[1] for r in wb["汇总"].iter_rows(min_row=2, values_only=True)]
if listed != files: fails.append("report.xlsx 汇总: %d rows, not every workbook in order" % len(listed))
for f in fails: print("FAIL:", f)
if not fails: print("batch scale: all passed")
sys.exit(1 if fails else 0)
PY
