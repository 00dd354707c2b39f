#!/bin/bash
# cell_width.sh — CELL("width") and CELL("format"/"protect") through the xlsx reader: a
# workbook whose column widths openpyxl writes (<col> elements, <sheetFormatPr>), with a
# hidden column and a LibreOffice-style span to the last column. Expected widths follow
# Excel's rule (docs/conformance.md, CELL): stored 11.52 -> 10, 30.5 -> 29, 9.140625 -> 8,
# the sheet default 13.7109375 -> 13, hidden -> 0. CELL("filename") is reported and keeps
# its cached value. Args: $1 = suanpan binary.
set -u
SP=$1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
/usr/bin/python3 - "$T/w.xlsx" <<'PY'
import sys, zipfile
import openpyxl
wb = openpyxl.Workbook()
s = wb.active
s.title = '收入支出决算总表'
s.column_dimensions['B'].width = 11.52
s.column_dimensions['C'].width = 30.5
s.column_dimensions['D'].width = 9.140625
s.column_dimensions['E'].width = 20
s.column_dimensions['E'].hidden = True
s.sheet_format.defaultColWidth = 13.7109375
s['B2'] = 1234.5
s['B2'].number_format = '#,##0.00'
for cell, f in {'A1': 'CELL("width",B1)', 'A2': 'CELL("width",C5)', 'A3': 'CELL("width",D1)',
                'A4': 'CELL("width",E1)', 'A5': 'CELL("width",G1)', 'A6': 'INDEX(CELL("width",G1),1,2)',
                'A7': 'CELL("format",B2)', 'A8': 'CELL("protect",B2)'}.items():
    s[cell] = '=' + f
wb.save(sys.argv[1])
PY
"$SP" recalc "$T/w.xlsx" -o "$T/out.xlsx" >"$T/o" 2>"$T/e" || fail "recalc: $(cat "$T/e")"
/usr/bin/python3 - "$T/out.xlsx" <<'PY' || exit 1
import sys, openpyxl
s = openpyxl.load_workbook(sys.argv[1], data_only=True).active
got = [s['A%d' % r].value for r in range(1, 9)]
assert got == [10, 29, 8, 0, 13, True, ',2', 1], got
PY
# CELL("filename"): the path Excel saw is not in the file — kept and reported.
/usr/bin/python3 - "$T/f.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.Workbook()
wb.active['A1'] = '=CELL("filename",B1)'
wb.save(sys.argv[1])
PY
"$SP" recalc "$T/f.xlsx" -o "$T/f2.xlsx" >"$T/o" 2>"$T/e"; rc=$?
[ $rc = 3 ] || fail "CELL(filename): exit $rc, want 3"
grep -q 'CELL("filename")' "$T/e" || fail "CELL(filename) not reported: $(cat "$T/e")"
echo "cell_width: ok"
