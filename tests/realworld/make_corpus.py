#!/usr/bin/python3
# make_corpus.py — rebuilds tests/realworld/corpus: workbooks written by openpyxl (formulas, no
# cached values) and then opened and saved by LibreOffice (soffice --headless --convert-to
# xlsx), which recalculates them and caches its values, as Excel would; lo_fods_names is a
# flat OpenDocument file written here and converted the same way. The CTest
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


# A flat OpenDocument spreadsheet written by hand, as LibreOffice's own format: named
# ranges and expressions of workbook and sheet scope (a sheet-local 税率 shadowing the
# global one), number formats from data styles, a 3-D reference over the month sheets, and
# the functions of issue 13 item 8 (ADDRESS, CELL, MODE over text, VLOOKUP over arrays).
FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
 <number:percentage-style style:name="N3"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
 <style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N2"/>
 <style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N3"/>
 <style:style style:name="ce3" style:family="table-cell" style:parent-style-name="Default"><style:paragraph-properties fo:text-align="end"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""


def fods_cell(x, style=None):
    st = ' table:style-name="%s"' % style if style else ''
    if isinstance(x, str) and x.startswith('of:='):
        f = x.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')
        return '<table:table-cell%s table:formula="%s"/>' % (st, f)
    if isinstance(x, (int, float)):
        return '<table:table-cell%s office:value-type="float" office:value="%r"/>' % (st, x)
    if x is None:
        return '<table:table-cell/>'
    return '<table:table-cell%s office:value-type="string"><text:p>%s</text:p></table:table-cell>' % (st, x)


def fods_table(name, rows, names=''):
    out = ['<table:table table:name="%s">' % name]
    for row in rows:
        out.append('<table:table-row>' + ''.join(fods_cell(*c) if isinstance(c, tuple) else fods_cell(c) for c in row) +
                   '</table:table-row>')
    out.append(names + '</table:table>')
    return '\n'.join(out)


def fods(path):
    months = ['一月', '二月', '三月']
    parts = [FODS_HEAD]
    parts.append(fods_table('汇总', [
        ['部门决算汇总', None],
        ['基本支出', ('of:=SUM([$一月.B2:$三月.B2])', 'ce1')],
        ['单价×基数', 'of:=基数*单价'],
        ['合计', 'of:=合计'],
        ['税率', 'of:=税率'],
        # (not ADDRESS in A1 style: a converted ODF document keeps Calc's 'Sheet 1'.$C$2)
        ['ADDRESS R1C1', 'of:=ADDRESS(2;3;4;0;"My Sheet")'],
        ['CELL format', 'of:=CELL("format";[.B2])'],
        ['CELL format %', 'of:=CELL("format";[$Data.D2])'],
        ['CELL prefix', 'of:=CELL("prefix";[$Data.A2])'],
        ['CELL prefix right', 'of:=CELL("prefix";[$Data.E2])'],
        ['MODE text', 'of:=MODE([$Data.C2:.C7])'],
        ['VLOOKUP array', 'of:=VLOOKUP(2;{1;"a"|2;"b"|3;"c"};2;0)'],
        ['VLOOKUP approx', 'of:=VLOOKUP(2.5;{1;"a"|2;"b"|3;"c"};2;1)'],
        ['INDEX name', 'of:=INDEX(金额列;3)'],
        ['SUM name', 'of:=SUM(金额列)'],
        ['TEXT', 'of:=TEXT(合计;"#,##0.00")'],
    ]))
    for i, m in enumerate(months):
        local = ''
        if m == '二月':
            local = ('<table:named-expressions><table:named-expression table:name="税率" '
                     'table:base-cell-address="$二月.$A$1" table:expression="of:=0.1"/></table:named-expressions>')
        parts.append(fods_table(m, [['月份', m], ['基本支出', 1000.5 * (i + 1)], ['税率', 'of:=税率'],
                                    ['税额', 'of:=[.B2]*税率']], local))
    parts.append(fods_table('Data', [
        ['项目', '金额', '文本数', '比例', '右'],
        ['办公费', 120.5, '5', (0.25, 'ce2'), ('r', 'ce3')],
        ['印刷费', 30, '5', 0.5, None],
        ['差旅费', 400.25, 7, 0.1, None],
        ['会议费', 75, 'x', 0.2, None],
        ['培训费', 30, 7, 0.3, None],
        [None, None, 1, None, None],
    ]))
    parts.append('<table:named-expressions>'
                 '<table:named-range table:name="基数" table:base-cell-address="$Data.$A$1" table:cell-range-address="$Data.$B$2"/>'
                 '<table:named-range table:name="金额列" table:base-cell-address="$Data.$A$1" table:cell-range-address="$Data.$B$2:.$B$6"/>'
                 '<table:named-expression table:name="单价" table:base-cell-address="$Data.$A$1" table:expression="of:=0.05"/>'
                 '<table:named-expression table:name="税率" table:base-cell-address="$Data.$A$1" table:expression="of:=0.2"/>'
                 '<table:named-expression table:name="合计" table:base-cell-address="$Data.$A$1" table:expression="of:=SUM([$Data.$B$2:.$B$6])"/>'
                 '</table:named-expressions>')
    parts.append('</office:spreadsheet></office:body></office:document>\n')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(parts))


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, ext in [('lo_three_d', three_d, 'xlsx'), ('lo_rules', rules, 'xlsx'), ('lo_fods_names', fods, 'fods')]:
            src = os.path.join(tmp, 'src', name + '.' + ext)
            os.makedirs(os.path.dirname(src), exist_ok=True)
            make(src)
            subprocess.run(['soffice', '--headless', '-env:UserInstallation=file://' + tmp + '/profile',
                            '--convert-to', 'xlsx', '--outdir', OUT, src], check=True, stdout=subprocess.DEVNULL)
            print('wrote', os.path.join(OUT, name + '.xlsx'))


if __name__ == '__main__':
    sys.exit(main())
