#!/usr/bin/env bash
# check.sh — `suanpan check`: exit codes, the table, --json, --html, --xlsx, --rules, bad input.
# Usage: bash check.sh <path-to-suanpan> <shared-dir>
set -u
SP=$1
HERE=$(cd "$(dirname "$0")" && pwd)
SAMPLES="$HERE/../../workbooks/samples"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=1; }

# A sample whose published figures are consistent: exit 0, summary line printed.
out=$("$SP" --lang zh check "$SAMPLES/000_项目支出绩效自评表_4.xlsx"); rc=$?
[ $rc -eq 0 ] && ok "consistent sample exits 0" || bad "consistent sample exit $rc"
grep -q "结果：通过" <<<"$out" && ok "summary says 通过" || bad "summary: $out"

# 000 项目 3: the published 执行率得分 10.00 (rule gives 9.97) is an error: exit 1, rule in the table.
out=$("$SP" check "$SAMPLES/000_项目支出绩效自评表_3.xlsx"); rc=$?
[ $rc -eq 1 ] && ok "error finding exits 1" || bad "error finding exit $rc"
grep -q "ZP-XM-102" <<<"$out" && grep -q "项目支出绩效自评表!Q6" <<<"$out" && ok "table names rule and cell" || bad "table: $out"

# JSON: parseable, schema id, the finding with numbers.
"$SP" check --json "$SAMPLES/000_项目支出绩效自评表_3.xlsx" >"$TMP/r.json"; rc=$?
[ $rc -eq 1 ] && ok "--json keeps the exit code" || bad "--json exit $rc"
/usr/bin/python3 - "$TMP/r.json" <<'EOF' && ok "json schema and finding" || bad "json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "suanpan.check/1"
w = d["workbooks"][0]
assert w["status"] == "failed"
f = [x for x in w["findings"] if x["rule"] == "ZP-XM-102"][0]
assert f["cell"] == "Q6" and f["severity"] == "error"
assert abs(f["difference"] - 0.03) < 1e-9, f
EOF

# HTML and xlsx reports.
"$SP" check "$SAMPLES/000_部门决算公开.xlsx" --html "$TMP/r.html" --xlsx "$TMP/r.xlsx" >/dev/null; rc=$?
[ $rc -eq 1 ] && ok "决算 sample fails on its data gap (JSX-005)" || bad "决算 sample exit $rc"
grep -q 'data-status="failed"' "$TMP/r.html" && grep -q "JSX-005" "$TMP/r.html" && ok "html report" || bad "html report"
/usr/bin/python3 - "$TMP/r.xlsx" <<'EOF' && ok "xlsx report" || bad "xlsx report"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["审核结果"]
assert ws["A1"].value == "工作簿" and ws["A1"].font.b
rules = [ws.cell(r, 2).value for r in range(2, ws.max_row + 1)]
assert "JSX-005" in rules and "JS01-004" in rules, rules
EOF

# --rules DIR: a rule of our own, failing on purpose.
mkdir -p "$TMP/rules"
cat >"$TMP/rules/mine.lua" <<'EOF'
suanpan.check{ id = "MY-001", sheet = "项目支出绩效自评表", severity = "error",
               message = "全年执行数应超过 100 万元", expr = "全年执行数 > 100" }
EOF
out=$("$SP" check --rules "$TMP/rules" "$SAMPLES/000_项目支出绩效自评表_4.xlsx"); rc=$?
[ $rc -eq 1 ] && grep -q "MY-001" <<<"$out" && ok "--rules adds a rule" || bad "--rules exit $rc: $out"
"$SP" check --list --rules "$TMP/rules" | grep -q "^MY-001" && ok "--list shows it" || bad "--list"
"$SP" check --rules "$TMP/nowhere" "$SAMPLES/000_项目支出绩效自评表_4.xlsx" >/dev/null 2>&1; rc=$?
[ $rc -eq 3 ] && ok "--rules on a missing folder exits 3" || bad "--rules missing exit $rc"

# Bad input: exit 3, no crash.
echo "not a zip" >"$TMP/bad.xlsx"
"$SP" check "$TMP/bad.xlsx" >/dev/null 2>"$TMP/err"; rc=$?
[ $rc -eq 3 ] && ok "unreadable input exits 3" || bad "unreadable input exit $rc"

exit $fail
