#!/usr/bin/python3
# make_corpus_tools.py — corpus files written by other tools than Excel, each its own way:
# xlsxwriter (names with sheet scope, formats, 3-D references, print areas, tables when
# --tables), SheetJS (make_corpus_sheetjs.js, run with node) and Gnumeric (ssconvert).
# xlsxwriter and SheetJS do not calculate: the values they cache are the ones LibreOffice
# computes for the same workbook (an openpyxl copy saved by soffice --convert-to xlsx), so
# each file is the tool's own XML with independent cached values. Gnumeric calculates and
# caches its own. The CTest realworld_corpus recalculates every file in corpus/ and
# compares. Only constructs where LibreOffice and Excel agree go in (docs/conformance.md).
#   /usr/bin/python3 tests/realworld/make_corpus_tools.py
#   (needs soffice, python3-xlsxwriter, node with the npm package xlsx in $SHEETJS_DIR or
#   /tmp/sheetjs — `npm install xlsx` there — and gnumeric's ssconvert; a missing tool is
#   skipped with a note)
import json, os, re, shutil, subprocess, sys, tempfile, zipfile
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corpus')

# The workbook every tool writes: a 决算 summary over unit sheets, with names of every scope.
MONTHS = ['一月', '二月', '三月']
DATA = [('项目', '金额', '类别'), ('办公费', 120.5, 'A'), ('印刷费', 30, 'B'), ('差旅费', 400.25, 'A'),
        ('会议费', 75, 'C'), ('培训费', 30, 'B')]
# name -> (refers to, sheet scope or None)
NAMES = [
    ('单价', '0.05', None),                  # a constant
    ('税率', '0.2', None),                   # global …
    ('税率', '0.1', '二月'),                 # … shadowed on 二月 by a sheet-local name
    ('基数', 'Data!$B$2', None),             # a cell
    ('金额列', 'Data!$B$2:$B$6', None),      # a range
    ('合计', 'SUM(Data!$B$2:$B$6)', None),   # a formula
    ('Local_Base', '一月!$B$2', '一月'),      # sheet-local name to a cell
    ('隐藏系数', '3', None),                  # hidden (openpyxl and SheetJS write hidden="1")
]
HIDDEN = {'隐藏系数'}
# sheet -> {cell: formula}; formulas as Excel stores them (no leading =)
FORMULAS = {
    '汇总': {
        'B2': 'SUM(一月:三月!B2)', 'B3': 'SUM(一月:三月!B2:B3)', 'B4': 'AVERAGE(一月:三月!B3)',
        'B5': 'MAX(一月:三月!B2)', 'B6': 'COUNT(一月:三月!B2:B3)',
        'B7': '基数*单价', 'B8': '合计', 'B9': 'SUM(金额列)/COUNT(金额列)', 'B10': '税率*100',
        'B11': 'ROUND(合计*税率,2)', 'B12': 'VLOOKUP("差旅费",Data!A2:B6,2,FALSE)',
        'B13': 'VLOOKUP(30,CHOOSE({1,2},Data!B2:B6,Data!A2:A6),2,FALSE)',
        'B14': 'MODE(Data!B2:B6)', 'B15': 'SUMIF(Data!C2:C6,"A",Data!B2:B6)',
        'B16': 'ADDRESS(2,3,1,TRUE,"Sheet 1")', 'B17': 'INDEX(Data!A2:A6,MATCH(400.25,金额列,0))',
        'B18': 'TEXT(合计,"#,##0.00")', 'B19': 'TEXT(单价,"0.0%")', 'B20': 'CELL("format",Data!B2)',
        'B21': 'CELL("protect",Data!B2)', 'B22': 'SUMPRODUCT((Data!C2:C6="B")*Data!B2:B6)',
        'B23': 'HLOOKUP("三月",{"一月","二月","三月";1,2,3},2,FALSE)', 'B24': 'COUNTIF(金额列,">50")',
        'B25': '隐藏系数*合计',
    },
    '二月': {'D1': '税率', 'D2': 'B2*税率'},
    '一月': {'D1': 'Local_Base*2', 'D2': '税率'},
}


def cell_values():
    """Constant cells: sheet -> {cell: value}."""
    v = {'汇总': {'A1': '部门决算汇总', 'A2': '基本支出合计'}, 'Data': {}}
    for r, row in enumerate(DATA, start=1):
        for c, x in enumerate(row):
            v['Data'][openpyxl.utils.get_column_letter(c + 1) + str(r)] = x
    for i, m in enumerate(MONTHS):
        v[m] = {'A2': '基本支出', 'B2': 1000.5 * (i + 1), 'A3': '项目支出', 'B3': 20 * (i + 1) - 30}
    return v


SHEETS = ['汇总'] + MONTHS + ['Data']
NUMBER_FORMATS = {('Data', 'B2'): '#,##0.00', ('汇总', 'B2'): '#,##0.00', ('汇总', 'B7'): '0.00%'}


# Cells left out of the Gnumeric file, where Gnumeric computes another value than Excel and
# LibreOffice: VLOOKUP over CHOOSE({1,2},…) is #REF! in Gnumeric (Excel: 印刷费).
GNUMERIC_SKIP = {('汇总', 'B13')}


def openpyxl_copy(path, skip=frozenset()):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in SHEETS:
        wb.create_sheet(name)
    for sheet, cells in cell_values().items():
        for a1, x in cells.items():
            wb[sheet][a1] = x
    for sheet, cells in FORMULAS.items():
        for a1, f in cells.items():
            if (sheet, a1) not in skip:
                wb[sheet][a1] = '=' + f
    for (sheet, a1), code in NUMBER_FORMATS.items():
        wb[sheet][a1].number_format = code
    from openpyxl.workbook.defined_name import DefinedName
    for name, ref, scope in NAMES:  # openpyxl 3.0: a sheet scope is localSheetId
        wb.defined_names.append(DefinedName(name, attr_text=ref, localSheetId=SHEETS.index(scope) if scope else None,
                                            hidden=True if name in HIDDEN else None))
    wb.save(path)


def soffice(src, outdir, tmp):
    subprocess.run(['soffice', '--headless', '-env:UserInstallation=file://' + tmp + '/profile',
                    '--convert-to', 'xlsx', '--outdir', outdir, src], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(outdir, os.path.basename(src))


def lo_values(tmp):
    """The values LibreOffice computes for every formula cell: sheet -> {cell: value}."""
    src = os.path.join(tmp, 'src', 'values.xlsx')
    os.makedirs(os.path.dirname(src), exist_ok=True)
    openpyxl_copy(src)
    done = soffice(src, os.path.join(tmp, 'lo'), tmp)
    wb = openpyxl.load_workbook(done, data_only=True)
    return {s: {a1: wb[s][a1].value for a1 in cells} for s, cells in FORMULAS.items()}


def xlsxwriter_file(path, values):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path)
    ws = {name: wb.add_worksheet(name) for name in SHEETS}
    fmts = {}
    for sheet, cells in cell_values().items():
        for a1, x in cells.items():
            code = NUMBER_FORMATS.get((sheet, a1))
            f = fmts.setdefault(code, wb.add_format({'num_format': code})) if code else None
            ws[sheet].write(a1, x, f)
    for sheet, cells in FORMULAS.items():
        for a1, f in cells.items():
            code = NUMBER_FORMATS.get((sheet, a1))
            fm = fmts.setdefault(code, wb.add_format({'num_format': code})) if code else None
            ws[sheet].write_formula(a1, '=' + f, fm, values[sheet][a1])
    for name, ref, scope in NAMES:
        q = ("'%s'!" % scope if scope else '') + name
        wb.define_name(q, '=' + ref)
    ws['汇总'].print_area('A1:B24')  # _xlnm.Print_Area, sheet-local
    ws['汇总'].set_column('A:A', 18)
    wb.close()


# A table as xlsxwriter writes one (xl/tables/table1.xml): a calculated column with [@col]
# references, a totals row with SUBTOTAL(109,…), and formulas outside it by column name.
TABLE_ROWS = [('办公费', 120.5, 2), ('印刷费', 30, 3), ('差旅费', 400.25, 1), ('会议费', 75, 4)]
TABLE_OUTSIDE = {'G2': 'SUM(支出表[小计])', 'G3': 'COUNTA(支出表[项目])', 'G4': 'MAX(支出表[[#Data],[金额]])',
                 'G5': 'INDEX(支出表[金额],2)', 'G6': 'SUMIF(支出表[项目],"差旅费",支出表[小计])'}


def xlsxwriter_tables(path, values):
    """values: {cell: cached value} (None: write xlsxwriter's default 0)."""
    import xlsxwriter
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet('明细')
    n = len(TABLE_ROWS)
    ws.add_table(1, 1, n + 2, 4, {
        'name': '支出表', 'total_row': True,
        'data': [list(r) for r in TABLE_ROWS],
        'columns': [{'header': '项目', 'total_string': '合计'}, {'header': '金额', 'total_function': 'sum'},
                    {'header': '数量', 'total_function': 'sum'},
                    {'header': '小计', 'formula': '=[@金额]*[@数量]', 'total_function': 'sum'}]})
    # The calculated column and the totals row again, with their cached values.
    for i in range(n):
        a1 = 'E%d' % (i + 3)
        ws.write_formula(a1, '=支出表[[#This Row],[金额]]*支出表[[#This Row],[数量]]', None, (values or {}).get(a1, 0))
    for col, name in [('C', '金额'), ('D', '数量'), ('E', '小计')]:
        a1 = '%s%d' % (col, n + 3)
        ws.write_formula(a1, '=SUBTOTAL(109,支出表[%s])' % name, None, (values or {}).get(a1, 0))
    for a1, f in TABLE_OUTSIDE.items():
        ws.write_formula(a1, '=' + f, None, (values or {}).get(a1, 0))
    wb.close()


def tables_file(path, tmp):
    first = os.path.join(tmp, 'tsrc', 'xw_tables.xlsx')
    os.makedirs(os.path.dirname(first), exist_ok=True)
    xlsxwriter_tables(first, None)
    # LibreOffice keeps cached values it finds: drop xlsxwriter's <v>0</v> so that it calculates.
    bare = os.path.join(tmp, 'tsrc2', 'xw_tables.xlsx')
    os.makedirs(os.path.dirname(bare), exist_ok=True)
    with zipfile.ZipFile(first) as zin, zipfile.ZipFile(bare, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith('xl/worksheets/'):
                data = re.sub(rb'(<f>[^<]*</f>)<v>[^<]*</v>', rb'\1', data)
            zout.writestr(item, data)
    done = soffice(bare, os.path.join(tmp, 'tlo'), tmp)
    wb = openpyxl.load_workbook(done, data_only=True)
    s = wb['明细']
    cells = ['E%d' % (i + 3) for i in range(len(TABLE_ROWS))] + ['%s%d' % (c, len(TABLE_ROWS) + 3) for c in 'CDE']
    values = {a1: s[a1].value for a1 in cells + list(TABLE_OUTSIDE)}
    xlsxwriter_tables(path, values)


def sheetjs_file(path, values, tmp):
    d = os.environ.get('SHEETJS_DIR', '/tmp/sheetjs')
    if not os.path.isdir(os.path.join(d, 'node_modules', 'xlsx')):
        print('skip SheetJS: no node_modules/xlsx in', d)
        return False
    spec = {'sheets': SHEETS, 'cells': cell_values(), 'formulas': FORMULAS, 'values': values,
            'names': NAMES, 'hidden': sorted(HIDDEN), 'formats': [[s, a, c] for (s, a), c in NUMBER_FORMATS.items()]}
    sp = os.path.join(tmp, 'spec.json')
    with open(sp, 'w') as f:
        json.dump(spec, f, ensure_ascii=False)
    env = dict(os.environ, NODE_PATH=os.path.join(d, 'node_modules'))
    subprocess.run(['node', os.path.join(HERE, 'make_corpus_sheetjs.js'), sp, path], check=True, env=env)
    return True


def gnumeric_file(path, tmp):
    if not shutil.which('ssconvert'):
        print('skip Gnumeric: no ssconvert')
        return False
    src = os.path.join(tmp, 'gsrc.xlsx')
    openpyxl_copy(src, GNUMERIC_SKIP)
    # ssconvert reads the openpyxl file, recalculates and writes its own xlsx with values.
    subprocess.run(['ssconvert', '--recalc', '-T', 'Gnumeric_Excel:xlsx2', src, path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return True


def main():
    os.makedirs(OUT, exist_ok=True)
    tables = '--tables' in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        values = lo_values(tmp)
        xlsxwriter_file(os.path.join(OUT, 'xw_names.xlsx'), values)
        print('wrote', os.path.join(OUT, 'xw_names.xlsx'))
        if tables:
            tables_file(os.path.join(OUT, 'xw_tables.xlsx'), tmp)
            print('wrote', os.path.join(OUT, 'xw_tables.xlsx'))
        if sheetjs_file(os.path.join(OUT, 'sheetjs_names.xlsx'), values, tmp):
            print('wrote', os.path.join(OUT, 'sheetjs_names.xlsx'))
        if gnumeric_file(os.path.join(OUT, 'gnumeric_names.xlsx'), tmp):
            print('wrote', os.path.join(OUT, 'gnumeric_names.xlsx'))


if __name__ == '__main__':
    sys.exit(main())
