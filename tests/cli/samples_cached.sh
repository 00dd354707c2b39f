#!/usr/bin/env bash
# samples_cached.sh — issue 14 item 6: the committed workbooks (workbooks/samples, workbooks/templates)
# carry their recalculated cached values, so a viewer that does not recalculate shows the right
# figures. For every file: `suanpan recalc --json` reports no formula cell whose recomputed value
# differs from the cached one (`changed` empty; a formula saved without a value counts as changed);
# then openpyxl (data_only: the cached values, as pandas or a file preview sees them) reads the
# published totals of the 000 and 002 samples and finds no formula cell without a cached value.
# Usage: bash samples_cached.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/sp-samples-cached.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
n=0
for f in "$SRC"/workbooks/samples/*.xlsx "$SRC"/workbooks/templates/*.xlsx; do
    n=$((n + 1))
    "$SP" recalc "$f" -o "$T/r.xlsx" --json >"$T/r.json" 2>"$T/err" || { fail "recalc $f: $(head -c 300 "$T/err")"; continue; }
    /usr/bin/python3 - "$T/r.json" "$(basename "$f")" <<'PY' || fail "$(basename "$f"): stale cached values (above)"
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
ch = j["changed"]
for c in ch[:5]:
    print(f"  {sys.argv[2]} {c['cell']}: cached {c['cached']!r}, recalculated {c['computed']!r}")
if ch: print(f"  {sys.argv[2]}: {len(ch)} of {j['formulas']} formula cells stale — run scripts/gen-workbooks")
sys.exit(1 if ch else 0)
PY
done
[ $n -ge 20 ] || fail "only $n committed workbooks found"

/usr/bin/python3 - "$SRC/workbooks" <<'PY' || fail "openpyxl data_only (above)"
import glob, os, sys, openpyxl
root = sys.argv[1]
bad = []
def cached(path, sheet, cell):
    return openpyxl.load_workbook(path, data_only=True)[sheet][cell].value
s = f"{root}/samples"
# Formulas of the 000 sample: 收入总计 (SUM), 支出总计, a 占比 of 情况说明核对 (a plugin function).
wb = openpyxl.load_workbook(f"{s}/000_部门决算公开.xlsx", data_only=True)
# 支出总计 F39: the formula gives 1,126.73, the 尾差 of DOMAIN §4 #8 (the text prints 1,126.72).
want = {("收入支出决算总表", "C39"): 1126.72, ("收入支出决算总表", "F39"): 1126.73, ("收入支出决算总表", "C36"): 898.35}
for (sh, c), v in want.items():
    got = wb[sh][c].value
    if not isinstance(got, (int, float)) or abs(got - v) > 0.005: bad.append(f"000 {sh}!{c}: cached {got!r}, want {v}")
k = wb["情况说明核对"]
row = next(r for r in range(1, k.max_row + 1) if k[f"C{r}"].value == "财政拨款收入占本年收入")
if not isinstance(k[f"G{row}"].value, float) or abs(k[f"G{row}"].value - 0.7126) > 0.00005:
    bad.append(f"000 情况说明核对!G{row} (占比): cached {k[f'G{row}'].value!r}, want 0.7126")
# Every formula cell of every committed workbook has a cached value (openpyxl reads a cached "" as None:
# the =IF(…,"",…) blanks of empty rows are the only ones allowed to look empty).
for p in sorted(glob.glob(f"{root}/samples/*.xlsx") + glob.glob(f"{root}/templates/*.xlsx")):
    f, v = openpyxl.load_workbook(p), openpyxl.load_workbook(p, data_only=True)
    missing = [f"{ws.title}!{c.coordinate}" for ws in f.worksheets for r in ws.iter_rows() for c in r
               if isinstance(c.value, str) and c.value.startswith("=") and v[ws.title][c.coordinate].value is None
               and not c.value.startswith("=IF(")]
    if missing: bad.append(f"{os.path.basename(p)}: {len(missing)} formula cells without a cached value, e.g. {missing[:3]}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
[ $fails -eq 0 ] && echo "samples_cached: ok ($n workbooks)" || { echo "samples_cached: $fails failure(s)"; exit 1; }
