#!/usr/bin/env bash
# batch_limits.sh — a batch goes on past a workbook that would not finish: a plugin function
# that loops (--plugins DIR) makes one workbook run past --timeout-per-workbook, and it is
# reported as its own row (已停止) while the others are checked; a workbook over
# --memory-per-workbook likewise; a Lua check that raises an error is reported once as a broken
# rule (file and line), not as a failure of every workbook. openpyxl writes the looping workbook.
# Usage: bash batch_limits.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/sp-batch-limits.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir -p "$T/in" "$T/plugins" "$T/rules"
cp "$SRC/workbooks/samples/000_部门决算公开.xlsx" "$SRC/workbooks/samples/000_项目支出绩效自评表_1.xlsx" "$T/in/"
# SLOW never returns by itself: the sandbox stops each call at its instruction limit (#CALC!),
# so 400 cells of it take far longer than the 1 s allowed per workbook.
cat >"$T/plugins/slow.lua" <<'LUA'
suanpan.func { name = "SLOW", params = { "x" }, doc = "loops", fn = function(x) while true do x = x + 1 end end }
LUA
cat >"$T/rules/broken.lua" <<'LUA'
suanpan.check { id = "BROKEN-1", severity = "error", message = "引用不存在的表",
  fn = function(wb) local t = nil; return t.field end }
LUA
/usr/bin/python3 - "$T/in/loop.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Sheet1"
for r in range(1, 401): ws.cell(r, 1, r); ws.cell(r, 2, "=SLOW(A%d)" % r)
wb.save(sys.argv[1])
PY

start=$(date +%s)
"$SP" --plugins "$T/plugins" batch "$T/in" --out "$T/out" --rules "$T/rules" --timeout-per-workbook 1 -j 2 \
    --progress never >"$T/stdout" 2>"$T/stderr"
rc=$?
took=$(( $(date +%s) - start ))
[ "$rc" = 0 ] || fail "batch exited $rc :: $(head -c 600 "$T/stderr")"
[ "$took" -lt 30 ] || fail "the batch took $took s: the looping workbook was not stopped"
grep -q "1 stopped by --timeout-per-workbook" "$T/stdout" || fail "summary line: $(cat "$T/stdout")"
n=$(grep -c "BROKEN-1" "$T/stderr")
[ "$n" = 1 ] || fail "broken rule named $n times on stderr (want once): $(cat "$T/stderr")"
grep -q "broken.lua:2" "$T/stderr" || fail "broken rule without file:line: $(cat "$T/stderr")"

/usr/bin/python3 - "$T/out" <<'PY' || fail "reports"
import json, os, re, sys, openpyxl
out = sys.argv[1]
rows = [json.loads(l) for l in open(os.path.join(out, "workbooks.jsonl"), encoding="utf-8")]
by = {os.path.basename(r["path"]): r for r in rows}
assert len(rows) == 3, len(rows)
loop = by["loop.xlsx"]
assert loop["stopped"] == "timeout" and loop["status"] == "unreadable", loop
assert "超过上限" in loop["error"], loop["error"]
for name in ("000_部门决算公开.xlsx", "000_项目支出绩效自评表_1.xlsx"):
    r = by[name]
    assert r["stopped"] is None and r["status"] != "unreadable", r["status"]
    assert all(f["rule"] != "BROKEN-1" for f in r["findings"]), "broken rule reported as a finding"
    assert [b["rule"] for b in r["broken_rules"]] == ["BROKEN-1"], r["broken_rules"]
rep = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
assert rep["summary"]["stopped"]["timeout"] == 1, rep["summary"]
assert [b["rule"] for b in rep["broken_rules"]] == ["BROKEN-1"] and rep["broken_rules"][0]["workbooks"] == 2, rep["broken_rules"]
html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
assert html.count("broken.lua:2") == 1, html.count("broken.lua:2")
assert "已停止" in html
wb = openpyxl.load_workbook(os.path.join(out, "report.xlsx"), read_only=True)
states = [r[2] for r in wb["汇总"].iter_rows(min_row=2, values_only=True)]
assert sorted(states).count("已停止") == 1, states
detail = open(os.path.join(out, loop["detail"]), encoding="utf-8").read()
assert "已停止" in detail
PY

# --- a memory budget far below what a workbook needs: each is stopped, the batch ends normally ---
"$SP" --no-plugins batch "$T/in/000_部门决算公开.xlsx" --out "$T/mem" --memory-per-workbook 200000 -q >/dev/null 2>"$T/stderr"
rc=$?
[ "$rc" = 0 ] || fail "memory-limited batch exited $rc :: $(head -c 400 "$T/stderr")"
grep -q '"stopped":"memory"' "$T/mem/workbooks.jsonl" || fail "no memory stop: $(head -c 400 "$T/mem/workbooks.jsonl")"
# …and the default budget leaves the same workbook alone.
"$SP" --no-plugins batch "$T/in/000_部门决算公开.xlsx" --out "$T/mem2" -q >/dev/null 2>&1
grep -q '"stopped":null' "$T/mem2/workbooks.jsonl" || fail "stopped under the default budget"

[ $fails = 0 ] && echo "batch limits: all passed"
exit $((fails > 0))
