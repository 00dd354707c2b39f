#!/usr/bin/env bash
# batch_texts.sh — `suanpan batch --texts DIR` as a user runs it: the 000 and 002 samples with their
# published 说明 (seed 000 as .txt, seed 002 as .md) and a 自评表; the 说明 results are rows of each
# workbook's report in the rule family 说明/… (read from report.json by Python): seed 000's 尾差 as
# info 说明/differs, its TXT-11, no error; a 说明 with one figure changed gives an error 说明/differs
# naming the cell; a workbook without a 说明 gets 说明/missing (a 自评表 does not); a binary "说明" is
# 说明/unreadable while the table checks stay; a DIR that does not exist exits 3 before anything runs.
# Usage: bash batch_texts.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SHARED=$(realpath "$2")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
S="$SRC/workbooks/samples"
T=$(mktemp -d /tmp/sp-batch-texts.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir -p "$T/in" "$T/texts"
cp "$S/000_部门决算公开.xlsx" "$S/002_部门预算公开.xlsx" "$S/000_项目支出绩效自评表_1.xlsx" "$T/in/"
cp "$(ls "$SHARED"/seeds/000_*.txt)" "$T/texts/000_部门决算公开.txt"
cp "$(ls "$SHARED"/seeds/002_*.txt)" "$T/texts/002_部门预算公开.md"

"$SP" batch "$T/in" --out "$T/out" --texts "$T/texts" -q -j 2 >"$T/log" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "batch --texts exit $rc: $(head -c 400 "$T/log")"

# The same texts through verify-text: the batch rows are its statements and findings.
"$SP" verify-text "$T/texts/000_部门决算公开.txt" --workbook "$S/000_部门决算公开.xlsx" --json >"$T/v000.json"
/usr/bin/python3 - "$T/out/report.json" "$T/v000.json" <<'PY' || fail "report.json rows (above)"
import json, sys
rep = json.load(open(sys.argv[1], encoding="utf-8"))
v = json.load(open(sys.argv[2], encoding="utf-8"))
rows = {w["path"].rsplit("/", 1)[-1]: w for w in rep["workbooks"]}
bad = []
def text_rows(name):
    return [f for f in rows[name]["findings"] if f["rule"].startswith("说明/")]
t000 = text_rows("000_部门决算公开.xlsx")
want = {("说明/differs" if s["status"] == "differs" else "说明/unmatched") for s in v["statements"] if s["status"] != "agrees"}
got = {f["rule"] for f in t000}
n_stmt = sum(1 for s in v["statements"] if s["status"] != "agrees")
n_rows = sum(1 for f in t000 if f["rule"] in ("说明/differs", "说明/unmatched"))
if n_stmt != n_rows: bad.append(f"000: {n_rows} differs/unmatched rows, verify-text has {n_stmt}")
for f in v["findings"]:
    if "说明/" + f["rule"] not in got: bad.append(f"000: finding {f['rule']} not in the batch rows")
if not any(f["rule"] == "说明/TXT-11" for f in t000): bad.append("000: no 说明/TXT-11 (§4 #11)")
diffs = [f for f in t000 if f["rule"] == "说明/differs"]
if not diffs or any(f["severity"] != "info" for f in diffs): bad.append(f"000: 尾差 rows should be info: {diffs}")
if not all(f["sheet"] == "000_部门决算公开.txt" for f in t000): bad.append("000: rows name the text file")
if not any("1,126.72" in f["message"] or "1126.72" in f["message"] for f in diffs): bad.append("000: 支出总计 尾差 missing")
t002 = text_rows("002_部门预算公开.xlsx")
if any(f["severity"] == "error" for f in t002): bad.append(f"002: error rows {[(f['rule'], f['message']) for f in t002 if f['severity']=='error'][:3]}")
if any(f["rule"] == "说明/missing" for f in t002): bad.append("002: its .md 说明 was not found")
if text_rows("000_项目支出绩效自评表_1.xlsx"): bad.append("a 自评表 has no 说明 of its own: no 说明/ rows")
# the table checks are still there
if not any(f["rule"] == "JSX-005" for f in rows["000_部门决算公开.xlsx"]["findings"]): bad.append("000: table checks missing")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# One figure changed (收入总计 1,126.72 -> 1,162.72): an error row naming the cell.
sed 's/收入总计1,126.72万元/收入总计1,162.72万元/' "$T/texts/000_部门决算公开.txt" >"$T/m.txt"
cmp -s "$T/m.txt" "$T/texts/000_部门决算公开.txt" && fail "mutation did not apply"
mv "$T/m.txt" "$T/texts/000_部门决算公开.txt"
rm "$T/texts/002_部门预算公开.md"
head -c 3000 /dev/urandom | tr -d '\n' >"$T/texts/000_项目支出绩效自评表_1.txt"; printf '\0\1\2' >>"$T/texts/000_项目支出绩效自评表_1.txt"
"$SP" batch "$T/in" --out "$T/out2" --texts "$T/texts" -q >"$T/log" 2>&1 || fail "second batch exit $?"
/usr/bin/python3 - "$T/out2/report.json" <<'PY' || fail "mutated/missing/unreadable rows (above)"
import json, sys
rep = json.load(open(sys.argv[1], encoding="utf-8"))
rows = {w["path"].rsplit("/", 1)[-1]: w for w in rep["workbooks"]}
bad = []
f000 = rows["000_部门决算公开.xlsx"]["findings"]
err = [f for f in f000 if f["rule"] == "说明/differs" and f["severity"] == "error"]
if len(err) != 1 or "1,162.72" not in err[0]["message"] or "收入支出决算总表" not in err[0]["message"]:
    bad.append(f"000 mutated: {err}")
if rows["000_部门决算公开.xlsx"]["status"] != "failed": bad.append("000 with a differing 说明 is failed")
if not any(f["rule"] == "说明/missing" for f in rows["002_部门预算公开.xlsx"]["findings"]): bad.append("002: no 说明/missing")
u = [f for f in rows["000_项目支出绩效自评表_1.xlsx"]["findings"] if f["rule"] == "说明/unreadable"]
if len(u) != 1 or u[0]["severity"] != "error": bad.append(f"binary 说明: {u}")
if rows["000_项目支出绩效自评表_1.xlsx"]["status"] == "unreadable": bad.append("a bad 说明 must not make the workbook unreadable")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
grep -q "说明/differs" "$T/out2/report.html" || fail "report.html lacks the 说明/differs rows"

# A DIR that does not exist: exit 3, no reports.
"$SP" batch "$T/in" --out "$T/out3" --texts "$T/nope" -q >"$T/log" 2>&1
rc=$?
[ $rc -eq 3 ] || fail "--texts missing DIR: exit $rc (want 3)"
[ -e "$T/out3/report.json" ] && fail "--texts missing DIR wrote a report"

[ $fails -eq 0 ] && echo "batch_texts: ok" || { echo "batch_texts: $fails failure(s)"; exit 1; }
