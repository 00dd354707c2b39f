#!/bin/bash
# kept_values.sh — issue 13 item 0 through the CLI: a workbook whose formulas use constructs
# Suanpan does not evaluate (table reference, CELL("filename"), GETPIVOTDATA) is refused by recalc (exit 3, no
# output, the cell and construct on stderr); with --lenient it is written with Excel's cached
# values kept, and --json lists the cells. Args: $1 = suanpan binary.
set -u
SP=$1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
/usr/bin/python3 - "$T/k.xlsx" <<'PY'
import sys, zipfile
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % R)
z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % ns)
z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/></Relationships>' % R)
z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet %s><sheetData><row r="1"><c r="A1"><v>5</v></c><c r="B1"><f>SUM(Table1[Sales])</f><v>42</v></c><c r="C1"><f>CELL("filename",A1)</f><v>13</v></c><c r="D1"><f>A1*2</f><v>1</v></c><c r="E1"><f>GETPIVOTDATA("Sales",$A$3,"Region","East")</f><v>99</v></c></row></sheetData></worksheet>' % ns)
z.close()
PY
"$SP" recalc "$T/k.xlsx" -o "$T/out.xlsx" >"$T/o" 2>"$T/e"; rc=$?
[ $rc = 3 ] || fail "recalc exit $rc, want 3"
[ -e "$T/out.xlsx" ] && fail "output written although refused"
grep -q "S!B1" "$T/e" && grep -q "table" "$T/e" || fail "B1 / table not reported: $(cat "$T/e")"
grep -q 'CELL("filename")' "$T/e" || fail "CELL(filename) not reported"
grep -q 'S!E1' "$T/e" && grep -q 'GETPIVOTDATA' "$T/e" || fail "GETPIVOTDATA not reported: $(cat "$T/e")"
"$SP" recalc "$T/k.xlsx" -o "$T/out.xlsx" --lenient --json >"$T/j" 2>"$T/e"; rc=$?
[ $rc = 0 ] || fail "lenient exit $rc: $(cat "$T/e")"
/usr/bin/python3 - "$T/out.xlsx" "$T/j" <<'PY' || exit 1
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=True); s = wb['S']
assert s['B1'].value == 42 and s['C1'].value == 13 and s['D1'].value == 10, (s['B1'].value, s['C1'].value, s['D1'].value)
assert s['E1'].value == 99, s['E1'].value  # GETPIVOTDATA: the cached value, never #NAME?
j = json.load(open(sys.argv[2]))
msgs = [d['where'] + ' ' + d['message'] for d in j['diagnostics'] if d['level'] == 'error']
assert any('S!B1' in m and 'does not evaluate' in m for m in msgs), msgs
PY
echo "kept_values: ok"
