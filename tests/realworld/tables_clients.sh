#!/bin/bash
# tables_clients.sh — issue 13 item 1 through the CLI, on workbooks other tools wrote: openpyxl
# writes two tables (table parts, structured references, a name to a table column, a column
# named with ' and [ ]) without cached values; LibreOffice converts it (keeping the table parts
# and the references) and caches its own values. `suanpan recalc` of both must give the values
# worked by hand (which LibreOffice's cache also holds), exit 0, and leave every formula's text as
# written. Args: $1 = suanpan binary.
set -u
SP=$1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
/usr/bin/python3 - "$T/op.xlsx" <<'PY' || fail "openpyxl could not write the workbook"
import sys, openpyxl
from openpyxl.worksheet.table import Table
from openpyxl.workbook.defined_name import DefinedName
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '明细'
ws.append(['项目', 'Qty', 'Unit Price', 'Total'])
for r in [('差旅', 2, 120), ('会议', 3, 30.5), ('培训', 5, 9)]: ws.append(list(r))
for i in range(2, 5): ws.cell(i, 4).value = '=Sales[[#This Row],[Qty]]*Sales[[#This Row],[Unit Price]]'
ws['A5'] = 'Total'; ws['B5'] = '=SUBTOTAL(109,Sales[Qty])'; ws['D5'] = '=SUBTOTAL(109,Sales[Total])'
ws.add_table(Table(displayName='Sales', ref='A1:D5', totalsRowCount=1))
ws['F1'] = '=SUM(Sales[[#Data],[Qty]:[Unit Price]])'
ws['F2'] = '=SUM(Sales[Unit Price])/COUNT(Sales[Qty])'
ws['F3'] = '=Sales[[#Totals],[Total]]-Sales[[#This Row],[Total]]'
ws['F4'] = '=SUM(QtyCol)*2'
ws['F5'] = '=INDEX(Sales[[#Headers],[项目]:[Total]],1,3)'
ws['F6'] = '=SUMIF(Sales[项目],"会议",Sales[Total])'
ws2 = wb.create_sheet('汇总')
ws2.append(['x', "It's [odd]"])
for r in [(1, 10), (2, 20)]: ws2.append(list(r))
ws2.add_table(Table(displayName='Odd', ref='A1:B3'))
ws2['D1'] = "=SUM(Odd[It''s '[odd']])+SUM(Sales[Total])"
ws2['D2'] = "=SUM(Odd)"
ws2['D3'] = "=Odd[[#This Row],[x]]*100"
wb.defined_names.append(DefinedName('QtyCol', attr_text='Sales[Qty]'))
wb.save(sys.argv[1])
PY
timeout 180 soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$T/lo" "$T/op.xlsx" >/dev/null 2>&1
[ -s "$T/lo/op.xlsx" ] || fail "LibreOffice did not convert the workbook"
for f in "$T/op.xlsx" "$T/lo/op.xlsx"; do
    "$SP" recalc "$f" -o "$T/out.xlsx" --json >"$T/j" 2>"$T/e"; rc=$?
    [ $rc = 0 ] || fail "recalc $(basename "$(dirname "$f")")/op.xlsx exit $rc: $(cat "$T/e")"
    /usr/bin/python3 - "$f" "$T/out.xlsx" <<'PY' || exit 1
import sys, zipfile, openpyxl
src, out = sys.argv[1], sys.argv[2]
# Worked by hand: Total = Qty * Unit Price per row (240, 91.5, 45), totals 10 and 376.5 …
want = {('明细', 'D2'): 240, ('明细', 'D3'): 91.5, ('明细', 'D4'): 45, ('明细', 'B5'): 10, ('明细', 'D5'): 376.5,
        ('明细', 'F1'): 169.5, ('明细', 'F2'): 159.5 / 3, ('明细', 'F3'): 376.5 - 91.5, ('明细', 'F4'): 20,
        ('明细', 'F5'): 'Unit Price', ('明细', 'F6'): 91.5,
        ('汇总', 'D1'): 30 + 376.5, ('汇总', 'D2'): 33, ('汇总', 'D3'): 200}
got = openpyxl.load_workbook(out, data_only=True)
lo_cache = openpyxl.load_workbook(src, data_only=True)
bad = []
for (sh, a), v in want.items():
    g = got[sh][a].value
    ok = g == v if isinstance(v, str) else isinstance(g, (int, float)) and abs(g - v) < 1e-9
    if not ok: bad.append('%s!%s = %r, want %r' % (sh, a, g, v))
    c = lo_cache[sh][a].value  # LibreOffice's cached value (None in openpyxl's own file)
    if c is not None and c != v and not (isinstance(c, float) and abs(c - v) < 1e-9):
        bad.append('hand value %s!%s = %r disagrees with the LibreOffice cache %r' % (sh, a, v, c))
assert not bad, bad
# The formulas are written back as they were (structured references not rewritten).
fi, fo = openpyxl.load_workbook(src), openpyxl.load_workbook(out)
for (sh, a) in want:
    assert fi[sh][a].value == fo[sh][a].value, (sh, a, fi[sh][a].value, fo[sh][a].value)
assert any(n.startswith('xl/tables/') for n in zipfile.ZipFile(out).namelist()), 'table parts dropped'
PY
done
echo "tables_clients: ok"
