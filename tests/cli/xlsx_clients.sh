#!/usr/bin/env bash
# xlsx_clients.sh — real clients read what `suanpan recalc` writes: LibreOffice (headless CSV
# export, profile set to never recalculate xlsx on load, so it shows the cached values we wrote)
# and openpyxl (values, styles, merges, comments, column widths).
# Usage: bash xlsx_clients.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SHARED=$2
T=$(mktemp -d /tmp/sp-xlsx-clients.XXXXXX)
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# --- inputs: an openpyxl workbook with styles/merges/comments (formulas without cached
# values), a workbook with a stale cached value, and a few of Excel's own files ------------
$PY - "$T" <<'PY' || fail "making inputs"
import sys, zipfile, warnings
warnings.filterwarnings("ignore")
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill, Border, Side, Alignment
d = sys.argv[1]
wb = Workbook(); ws = wb.active; ws.title = "收入支出决算总表"
ws.append(["项目", "预算数", "决算数", "执行率", "说明"])
for i in range(1, 6):
    ws.append(["支出%d" % i, 1000 * i, 900.5 * i, "=C%d/B%d" % (i + 1, i + 1), "ok" if i % 2 else "check"])
ws.append(["合计", "=SUM(B2:B6)", "=SUM(C2:C6)", "=C7/B7", '=IF(C7>B7,"超支","正常")'])
ws.append([True, "=B7>10000", "=1/0", "=0.1+0.2", "=ROUND(1/3,10)"])
for c in "ABCDE":
    ws[c + "1"].font = Font(bold=True)
    ws[c + "1"].fill = PatternFill("solid", fgColor="FFDDEBF7")
    ws[c + "1"].border = Border(left=Side(style="thin"))
    ws[c + "1"].alignment = Alignment(horizontal="center")
for r in range(2, 8):
    ws["B%d" % r].number_format = "#,##0.00"
    ws["D%d" % r].number_format = "0.00%"
ws.merge_cells("A10:E10"); ws["A10"] = "注：单位为元"
ws["B1"].comment = Comment("预算批复数", "审核")
ws.column_dimensions["A"].width = 18
ws2 = wb.create_sheet("Other"); ws2["A1"] = 5; ws2["A2"] = "=A1*'收入支出决算总表'!B2"
wb.save(d + "/report.xlsx")

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
with zipfile.ZipFile(d + "/stale.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % REL)
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>' % NS)
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/></Relationships>' % REL)
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet %s><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>999</v></c><c r="C1" t="str"><f>"v"&amp;A1</f><v>stale</v></c></row></sheetData></worksheet>' % NS)
PY
CASES=$(find "$SHARED/conformance/excel-cases" -name '*.xlsx' | sort | awk 'NR % 60 == 1')

outs=()
for f in "$T/report.xlsx" "$T/stale.xlsx" $CASES; do
    o="$T/out_$(basename "$f")"
    "$SP" recalc "$f" -o "$o" --lenient > /dev/null 2> "$T/err" || fail "recalc $f: $(cat "$T/err")"  # conformance cases may use syntax we do not parse
    outs+=("$o")
    "$SP" dump "$o" --csv --raw > "${o%.xlsx}.suanpan.csv" 2>/dev/null || fail "dump $o"
done

# --- openpyxl: our values, and the input's styles, merges, comments, widths ------------
$PY - "$T/report.xlsx" "$T/out_report.xlsx" "$T/out_report.suanpan.csv" <<'PY' || fail "openpyxl check"
import sys, csv, warnings
warnings.filterwarnings("ignore")
from openpyxl import load_workbook
src, out, ours = sys.argv[1:4]
a = load_workbook(src)["收入支出决算总表"]; b = load_workbook(out)["收入支出决算总表"]
v = load_workbook(out, data_only=True)["收入支出决算总表"]
assert sorted(map(str, b.merged_cells.ranges)) == ["A10:E10"], b.merged_cells.ranges
assert b["B1"].comment and b["B1"].comment.text == "预算批复数"
assert b.column_dimensions["A"].width == a.column_dimensions["A"].width
for row in a.iter_rows():
    for ca in row:
        cb = b[ca.coordinate]
        assert (ca.font.b, ca.number_format, ca.fill.fgColor.rgb, ca.border.left.style, ca.alignment.horizontal) == \
               (cb.font.b, cb.number_format, cb.fill.fgColor.rgb, cb.border.left.style, cb.alignment.horizontal), ca.coordinate
        if ca.data_type == "f":
            assert cb.value == ca.value, (ca.coordinate, cb.value)  # formula text untouched
rows = list(csv.reader(open(ours, encoding="utf-8")))
def norm(x):
    if x is None: return ""
    if isinstance(x, bool): return "TRUE" if x else "FALSE"
    if isinstance(x, float) and x.is_integer(): return str(int(x))
    return str(x)
for r, line in enumerate(rows, 1):
    for c, text in enumerate(line, 1):
        got = v.cell(r, c).value
        if isinstance(got, (int, float)) and not isinstance(got, bool) and text:
            assert abs(float(text) - got) <= 1e-14 * max(1, abs(got)), (r, c, text, got)
        else:
            assert norm(got) == text, (r, c, text, got)
assert v["B7"].value == 15000 and v["E7"].value == "正常" and v["C8"].value == "#DIV/0!"
assert v["D8"].value == 0.30000000000000004, v["D8"].value
print("openpyxl ok")
PY

# --- LibreOffice: CSV export of every output equals Suanpan's values ---------------------
if command -v soffice > /dev/null; then
    PROFILE="$T/lo-profile"
    mkdir -p "$PROFILE/user"
    # OOXMLRecalcMode 1 = never recalculate: LibreOffice shows the values cached in the file.
    cat > "$PROFILE/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item>
</oor:items>
XCU
    mkdir -p "$T/lo"
    timeout 600 soffice -env:UserInstallation="file://$PROFILE" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false' \
        --outdir "$T/lo" "${outs[@]}" "$T/stale.xlsx" > "$T/lo.log" 2>&1 || fail "soffice: $(tail -3 "$T/lo.log")"
    # The stale input shows its stale number in LibreOffice: proof that it does not recalculate
    # numbers on load, so the outputs' numbers below are the ones Suanpan wrote.
    grep -q "^1,999," "$T/lo/stale.csv" || fail "LibreOffice recalculated on load: $(cat "$T/lo/stale.csv")"
    for o in "${outs[@]}"; do
        b=$(basename "${o%.xlsx}")
        $PY - "$T/lo/$b.csv" "${o%.xlsx}.suanpan.csv" <<'PY' || fail "LibreOffice disagrees on $b"
import csv, sys
# LibreOffice keeps cached numbers under "never recalculate", but still recomputes formula
# cells whose cached result is a string or an error, and has no boolean type (TRUE -> 1):
# so numbers must match exactly (to its 15 digits); other kinds are only counted.
lo = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
sp = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
def cells(rows):
    return {(r, c): t for r, row in enumerate(rows) for c, t in enumerate(row) if t != ""}
import datetime, re
def num(t):
    # LibreOffice exports date- and time-formatted numbers formatted even when not "as shown".
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", t)
    if m:
        return float((datetime.date(int(m[3]), int(m[1]), int(m[2])) - datetime.date(1899, 12, 30)).days)
    m = re.fullmatch(r"(\d\d):(\d\d):(\d\d)(?: ([AP])M)?", t)
    if m:
        h = int(m[1]) % 12 + (12 if m[4] == "P" else 0) if m[4] else int(m[1])
        return (h * 3600 + int(m[2]) * 60 + int(m[3])) / 86400
    try:
        return float(t[:-1]) / 100 if t.endswith("%") else float(t)
    except ValueError:
        return None
a, b = cells(lo), cells(sp)
bad, other, numbers, unknown = [], 0, 0, 0
for k, y in b.items():
    fy = num(y)
    if fy is None:
        other += a.get(k, "") != y
        continue
    if a.get(k) == "#NAME?":
        unknown += 1   # a formula LibreOffice cannot compile (newer Excel functions): it shows #NAME?
        continue
    numbers += 1
    fx = num(a.get(k, ""))
    if fx is None or abs(fx - fy) > 1e-13 * max(1.0, abs(fy)):
        bad.append((k, a.get(k, ""), y))
for k, x, y in sorted(bad)[:10]:
    print("  %s: LibreOffice %r, Suanpan %r" % (k, x, y))
print("  %s: %d numbers compared, %d mismatches; %d non-numeric cells differ (recomputed by LibreOffice), "
      "%d formulas LibreOffice cannot compile" % (sys.argv[2].split("/")[-1], numbers, len(bad), other, unknown))
sys.exit(1 if bad or numbers == 0 else 0)
PY
    done
    grep -q "^1,2," "$T/lo/out_stale.csv" || fail "LibreOffice does not show the recalculated values: $(cat "$T/lo/out_stale.csv")"
else
    echo "soffice not installed: LibreOffice check skipped"
fi

[ $fails = 0 ] && echo "xlsx_clients: all passed"
exit $((fails > 0))
