#!/usr/bin/env bash
# batch_commands.sh — `suanpan batch`, `merge-reports` and `consolidate` from the command line:
# exit codes (docs/cli.md), shard runs merged equal to one run, a missing shard refused, and a
# consolidated workbook that openpyxl (a real client) reads with the summed values and 汇总说明.
# Usage: bash batch_commands.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
S="$SRC/workbooks/samples"
T=$(mktemp -d /tmp/sp-batch-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect() {
    local want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    local got=$?
    [ "$got" = "$want" ] || fail "exit $got (want $want): $* :: $(head -c 400 "$T/err")"
}
has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 400 "$1")"; }

mkdir -p "$T/in" "$T/ok"
cp "$S"/000_*.xlsx "$S"/002_*.xlsx "$T/in/"
(cd "$SRC" && ./scripts/demo --broken-copies "$T/in") || fail "broken copies"
cp "$S/000_项目支出绩效自评表_1.xlsx" "$T/ok/"

# --- usage and input errors ----------------------------------------------------------
expect 2 "$SP" batch "$T/in" --out "$T/o" --shard 0/3
expect 2 "$SP" batch "$T/in" --out "$T/o" --shard 4/3
expect 2 "$SP" batch "$T/in"
expect 3 "$SP" batch "$T/nope" --out "$T/o"
mkdir -p "$T/empty"
expect 3 "$SP" batch "$T/empty" --out "$T/o"
[ -e "$T/o" ] && fail "a failed batch left $T/o"

# --- exit 0 when the batch ran, whatever it found (findings are data: docs/batch.md) -------
expect 0 "$SP" batch "$T/ok" --out "$T/ok-out" --progress never

# --- the whole folder: broken copies are rows, not a failed run; stdout names the reports --
expect 0 "$SP" batch "$T/in" --out "$T/all" -j 2 --write-recalculated --progress never
has "$T/out" "report: $T/all/report.html"
has "$T/out" "坏_文件损坏.xlsx"
for f in report.html report.json report.xlsx; do [ -s "$T/all/$f" ] || fail "missing $f"; done
[ -s "$T/all/recalculated/000_部门决算公开.xlsx" ] || fail "no recalculated copy"
[ -e "$T/all/recalculated/坏_文件损坏.xlsx" ] && fail "recalculated copy of an unreadable file"
# The progress bar only on a terminal: none in a pipe.
grep -q $'\r' "$T/out" && fail "progress bar written to a pipe"

# --- shards: 3 runs merged equal the single run; a missing shard is refused --------------
for i in 1 2 3; do
    "$SP" batch "$T/in" --out "$T/s$i" --shard "$i/3" -j 1 -q >/dev/null 2>&1
    rc=$?
    [ "$rc" = 0 ] || fail "shard $i/3 exited $rc"
done
expect 0 "$SP" merge-reports "$T/s3/report.json" "$T/s1" "$T/s2/report.json" --out "$T/merged"
/usr/bin/python3 - "$T/all/report.json" "$T/merged/report.json" <<'PY' || fail "merged report differs from the single run"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
key = lambda r: [(w["path"], w["status"], len(w["findings"]), w["stale_count"]) for w in r["workbooks"]]
if key(a) != key(b):
    print(key(a)); print(key(b)); sys.exit(1)
if [s["shard"] for s in b["batch"]["shards"]] != ["1/3", "2/3", "3/3"]: sys.exit(1)
PY
expect 3 "$SP" merge-reports "$T/s1" "$T/s2" --out "$T/partial"
has "$T/err" "shard 3/3 is missing"
[ -e "$T/partial" ] && fail "a refused merge wrote output"
expect 0 "$SP" merge-reports "$T/s1" "$T/s2" --out "$T/partial" --allow-partial
[ -s "$T/partial/report.html" ] || fail "--allow-partial wrote nothing"
echo '{"schema":"x"}' >"$T/bogus.json"
expect 3 "$SP" merge-reports "$T/bogus.json" --out "$T/bogus"

# --- consolidate: the 000 project tables (+ a 2021 table that does not match) --------------
expect 0 "$SP" consolidate "$S"/000_项目支出绩效自评表_*.xlsx "$S/003_项目支出绩效自评表_1.xlsx" \
    --template "$SRC/workbooks/templates/项目支出绩效自评表.xlsx" -o "$T/汇总.xlsx"
has "$T/out" "7 of 8 units consolidated"
has "$T/out" "未汇总"
/usr/bin/python3 - "$T/汇总.xlsx" "$S" <<'PY' || fail "consolidated workbook (openpyxl)"
import glob, sys, openpyxl
out, samples = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(out, data_only=True)
assert wb.sheetnames[-1] == "汇总说明", wb.sheetnames
ws = wb["项目支出绩效自评表"]
units = [openpyxl.load_workbook(p, data_only=True)["项目支出绩效自评表"]
         for p in sorted(glob.glob(samples + "/000_项目支出绩效自评表_*.xlsx"))]
for cell in ("D7", "E7", "G7"):
    want = sum(u[cell].value or 0 for u in units)
    assert abs(ws[cell].value - want) < 1e-9, (cell, ws[cell].value, want)
assert abs(ws["G6"].value - (ws["G7"].value + (ws["G8"].value or 0))) < 1e-9, "G6 not recomputed"
assert ws["A2"].value == units[0]["A2"].value, "year summed"
rows = [[c.value for c in r] for r in wb["汇总说明"].iter_rows()]
units = [r for r in rows if isinstance(r[0], (int, float))]
assert [r[3] for r in units].count("已汇总") == 7 and [r[3] for r in units].count("未汇总") == 1, rows
PY
expect 3 "$SP" consolidate "$S/003_项目支出绩效自评表_1.xlsx" --template "$SRC/workbooks/templates/项目支出绩效自评表.xlsx" -o "$T/none.xlsx"
[ -e "$T/none.xlsx" ] && fail "consolidate with no matching unit wrote output"
expect 3 "$SP" consolidate "$S"/000_项目支出绩效自评表_1.xlsx "$S/003_项目支出绩效自评表_1.xlsx" --require-all \
    --template "$SRC/workbooks/templates/项目支出绩效自评表.xlsx" -o "$T/none.xlsx"
expect 2 "$SP" consolidate "$S/000_项目支出绩效自评表_1.xlsx" --template "$SRC/workbooks/templates/项目支出绩效自评表.xlsx" \
    -o "$S/000_项目支出绩效自评表_1.xlsx"

[ $fails = 0 ] && echo "batch commands: all passed"
exit $((fails > 0))
