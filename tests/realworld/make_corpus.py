#!/usr/bin/python3
# make_corpus.py — rebuilds tests/realworld/corpus: workbooks written by openpyxl (formulas, no
# cached values) and then opened and saved by LibreOffice (soffice --headless --convert-to
# xlsx), which recalculates them and caches its values, as Excel would. The CTest
# realworld_corpus recalculates every file with Suanpan and compares with those values.
# Only constructs where LibreOffice and Excel agree go in (see docs/conformance.md): not
# T(range) (LibreOffice intersects, Excel takes the top-left cell) nor ADDRESS with a sheet
# name starting with a digit (LibreOffice leaves it unquoted).
#   /usr/bin/python3 tests/realworld/make_corpus.py   (needs soffice)
import os, subprocess, sys, tempfile
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corpus')


def three_d(path):
    wb = openpyxl.Workbook()
    s = wb.active
    s.title = '汇总'
    months = ['一月', '二月', '三月', '四月']
    for i, m in enumerate(months):
        w = wb.create_sheet(m)
        w['A5'] = '基本支出'
        w['B5'] = 1000.5 * (i + 1)
        w['B6'] = 20 * (i + 1) - 30
        w['C5'] = 'n/a' if i == 2 else i * 3
    wb.create_sheet('Notes')['B5'] = 99999
    f = {
        'B2': "=SUM('一月:四月'!B5)", 'B3': "=SUM('一月:四月'!B5:B6)", 'B4': "=COUNT('一月:四月'!C5)",
        'B5': "=AVERAGE('一月:四月'!B6)", 'B6': "=MAX('一月:四月'!B6)", 'B7': "=MIN('一月:四月'!B6)",
        'B8': "=PRODUCT('二月:三月'!B6)", 'B9': "=STDEV('一月:四月'!B5)", 'B10': "=COUNTA('一月:四月'!C5)",
        'B11': "=SUM('二月:三月'!B5)+一月!B5", 'B12': "=SUMSQ('一月:二月'!B6)", 'B13': "=VAR('一月:四月'!B6)",
        'B14': "=STDEVP('一月:四月'!B6)", 'B15': "=AVERAGEA('一月:四月'!C5)", 'B16': "=MAXA('一月:四月'!C5)",
    }
    for k, v in f.items():
        # LibreOffice reads the span unquoted (一月:四月!B5), not as '一月:四月'!B5
        s[k] = v.replace("'", '')
    wb.save(path)


def rules(path):
    wb = openpyxl.Workbook()
    s = wb.active
    s.title = 'S'
    s['A1'] = 'x'
    s['A2'] = 5
    s['A3'] = 'text'
    for i, v in enumerate([3, 1, 2, 5, 4]):
        s.cell(row=i + 1, column=3, value=v)
        s.cell(row=i + 1, column=4, value=v * 10)
    f = {
        'F1': '=+A1', 'F4': '=SUMX2MY2(C1:C3,D1:D3)',
        'F5': '=SUMXMY2(C1:C5,D1:D5)', 'F6': '=SUMX2PY2(C1:C2,D1:D2)', 'F7': '=AND(A2,TRUE)',
        'F8': '=OR(A3,FALSE)', 'F9': '=ADDRESS(2,3,1,TRUE,"Sheet 1")', 'F10': '=ADDRESS(2,3,4,TRUE,"S")',
        'F11': '=VLOOKUP(2,C1:D5,2,FALSE)', 'F12': '=HLOOKUP(3,C1:D5,2,FALSE)', 'F13': '=MODE(C1:C5,C2)',
        'F14': '=+A2*2',
    }
    for k, v in f.items():
        s[k] = v
    wb.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in [('lo_three_d', three_d), ('lo_rules', rules)]:
            src = os.path.join(tmp, 'src', name + '.xlsx')
            os.makedirs(os.path.dirname(src), exist_ok=True)
            make(src)
            subprocess.run(['soffice', '--headless', '-env:UserInstallation=file://' + tmp + '/profile',
                            '--convert-to', 'xlsx', '--outdir', OUT, src], check=True, stdout=subprocess.DEVNULL)
            print('wrote', os.path.join(OUT, name + '.xlsx'))


if __name__ == '__main__':
    sys.exit(main())
