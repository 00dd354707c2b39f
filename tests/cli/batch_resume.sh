#!/usr/bin/env bash
# batch_resume.sh — a batch stopped half way and resumed gives the reports of an uninterrupted
# run: killed with SIGKILL (a last line cut short is dropped) and stopped with Ctrl-C (SIGINT:
# exit 130, a message naming --resume), then `--resume` redoes no finished workbook. Resuming
# with other inputs is refused (exit 3).
# Usage: bash batch_resume.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/sp-batch-resume.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
/usr/bin/python3 "$SRC/tests/batch/gen_workbooks.py" "$SRC/workbooks/samples" 800 "$T/in" || { echo "FAIL: generator"; exit 1; }

"$SP" batch "$T/in" --out "$T/whole" -j 2 -q || fail "uninterrupted run exited $?"

# Waits until OUT/workbooks.jsonl has at least $2 lines, then sends signal $3 to pid $1.
stop_after() {
    local pid=$1 lines=$2 sig=$3 out=$4
    for _ in $(seq 1 600); do
        [ -f "$out/workbooks.jsonl" ] && [ "$(wc -l <"$out/workbooks.jsonl")" -ge "$lines" ] && break
        sleep 0.05
    done
    kill -s "$sig" "$pid"
}

for sig in KILL INT; do
    out="$T/stopped-$sig"
    "$SP" batch "$T/in" --out "$out" -j 2 -q >"$T/stdout" 2>"$T/stderr" &
    pid=$!
    stop_after $pid 200 $sig "$out"
    { wait $pid; } 2>/dev/null
    rc=$?
    n=$(wc -l <"$out/workbooks.jsonl")
    [ "$n" -lt 800 ] || fail "$sig: the run was not stopped half way ($n lines)"
    if [ $sig = INT ]; then
        [ "$rc" = 130 ] || fail "Ctrl-C: exit $rc (want 130)"
        grep -q -- "--resume" "$T/stderr" || fail "Ctrl-C: no hint to --resume: $(cat "$T/stderr")"
        [ -e "$out/report.html" ] && fail "Ctrl-C: reports written for an unfinished batch"
    fi
    # The first lines already done are not redone: their bytes stay as they were.
    head -n 200 "$out/workbooks.jsonl" >"$T/head-before"
    "$SP" batch "$T/in" --out "$out" -j 2 --resume --progress never >"$T/stdout" 2>"$T/stderr" || fail "$sig: resume exited $?"
    grep -q "resumed after" "$T/stdout" || fail "$sig: resume did not resume: $(cat "$T/stdout")"
    head -n 200 "$out/workbooks.jsonl" | cmp -s - "$T/head-before" || fail "$sig: finished workbooks were redone"
    /usr/bin/python3 - "$T/whole" "$out" <<'PY' || fail "$sig: resumed reports differ from the uninterrupted run"
import json, os, re, sys, openpyxl
a, b = sys.argv[1:]
def rows(d):
    out = []
    for l in open(os.path.join(d, "workbooks.jsonl"), encoding="utf-8"):
        r = json.loads(l); r.pop("seconds"); out.append(r)
    return out
ra, rb = rows(a), rows(b)
assert len(ra) == len(rb) == 800, (len(ra), len(rb))
for x, y in zip(ra, rb): assert x == y, (x["path"], y["path"])
ja, jb = (json.load(open(os.path.join(d, "report.json"), encoding="utf-8")) for d in (a, b))
assert ja["summary"] == jb["summary"], (ja["summary"], jb["summary"])
def table(d):
    h = open(os.path.join(d, "report.html"), encoding="utf-8").read()
    return re.search(r"window\.SP_ROWS=\[(.*?)\];</script>", h, re.S).group(1), re.sub(r"用时 [\d.]+ 秒（\d+ 线程）|生成时间 [\d: -]+", "", h.split("<h2>全部工作簿")[0])
ta, tb = table(a), table(b)
assert ta[0] == tb[0], "html table data"
assert ta[1] == tb[1], "html summary"
def sheet(d, name):
    wb = openpyxl.load_workbook(os.path.join(d, "report.xlsx"), read_only=True)
    return [r for r in wb[name].iter_rows(values_only=True)]
for name in ("汇总", "审核结果", "缓存值过期"): assert sheet(a, name) == sheet(b, name), name
for r in rb: assert os.path.isfile(os.path.join(b, r["detail"])), r["detail"]
PY
done

# Other inputs than the interrupted run's: refused, nothing changed.
mkdir -p "$T/other" && cp "$SRC/workbooks/samples/000_部门决算公开.xlsx" "$T/other/"
"$SP" batch "$T/other" --out "$T/stopped-KILL" --resume -q >/dev/null 2>"$T/stderr"
rc=$?
[ "$rc" = 3 ] || fail "resume with other inputs: exit $rc (want 3)"
grep -q "inputs changed" "$T/stderr" || fail "resume with other inputs: $(cat "$T/stderr")"

[ $fails = 0 ] && echo "batch resume: all passed"
exit $((fails > 0))
