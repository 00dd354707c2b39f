#!/usr/bin/env bash
# precision_as_displayed.sh — a workbook saved with calcPr fullPrecision="0" (openpyxl:
# wb.calculation.fullPrecision = False): `suanpan recalc` stores each formula result as its
# number format shows it, so the 万元 column adds up as displayed; the same workbook with full
# precision keeps the unrounded sums. Read back with openpyxl; LibreOffice computes it as a second opinion.
set -euo pipefail
SUANPAN=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$tmp" <<'PY'
import sys, openpyxl
d = sys.argv[1]
for name, full in (('shown', False), ('full', True)):
    wb = openpyxl.Workbook()
    s = wb.active
    s.title = '支出决算表'
    s['A1'], s['B1'], s['C1'] = '项目', '金额（元）', '金额（万元）'
    for r, (item, yuan) in enumerate([('基本支出', 14949), ('项目支出', 14949), ('其他', 14949)], 2):
        s.cell(r, 1, item); s.cell(r, 2, yuan)
        c = s.cell(r, 3, f'=B{r}/10000'); c.number_format = '0.00'
        p = s.cell(r, 4, f'=C{r}/C$5'); p.number_format = '0%'
    s['A5'] = '合计'
    s['C5'] = '=SUM(C2:C4)'; s['C5'].number_format = '#,##0.00'
    s['E5'] = '=C5*10000'; s['E5'].number_format = 'General'
    s['F5'] = '=B2*1001'; s['F5'].number_format = '#,##0,'
    wb.calculation.fullPrecision = full
    wb.save(f'{d}/{name}.xlsx')
PY
for n in shown full; do
  "$SUANPAN" recalc "$tmp/$n.xlsx" -o "$tmp/$n.out.xlsx" >/dev/null
done
grep -q 'fullPrecision="0"' <(unzip -p "$tmp/shown.out.xlsx" xl/workbook.xml) || { echo "fullPrecision lost on writing"; exit 1; }
/usr/bin/python3 - "$tmp" <<'PY'
import sys, openpyxl
d = sys.argv[1]
def vals(n):
    s = openpyxl.load_workbook(f'{d}/{n}.out.xlsx', data_only=True).active
    return {k: s[k].value for k in ('C2', 'C5', 'D2', 'E5', 'F5')}
shown, full = vals('shown'), vals('full')
exp_shown = {'C2': 1.49, 'C5': 4.47, 'D2': 0.33, 'E5': 44700, 'F5': 14964000}
for k, v in exp_shown.items():
    assert abs(shown[k] - v) < 1e-9, (k, shown[k], v)
assert abs(full['C5'] - 4.4847) < 1e-12 and abs(full['D2'] - 1 / 3) < 1e-12 and full['F5'] == 14963949, full
print('precision as displayed ok', shown)
PY
# Second opinion: LibreOffice honours fullPrecision="0" too (raw values in the csv: 4.47, not 4.4847).
if command -v soffice >/dev/null; then
  soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false" \
    --outdir "$tmp/lo" "$tmp/shown.xlsx" >/dev/null 2>&1
  c5=$(sed -n 5p "$tmp/lo/shown.csv" | cut -d, -f3)
  [ "$c5" = "4.47" ] || { echo "LibreOffice computed C5=$c5"; exit 1; }
fi
