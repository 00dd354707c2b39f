#!/usr/bin/env bash
# xlsx_commands.sh — recalc, eval, get, dump on real and hostile workbooks: outputs, exit
# codes (docs/cli.md), messages naming file/part/cell, and no output file on failure.
# Usage: bash xlsx_commands.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SHARED=$2
T=$(mktemp -d /tmp/sp-xlsx-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect CODE CMD... : runs CMD, keeps stdout in $T/out and stderr in $T/err, checks the exit code.
expect() {
    local want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    local got=$?
    [ "$got" = "$want" ] || fail "exit $got (want $want): $* :: $(head -c 400 "$T/err")"
}
has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 400 "$1")"; }

# --- inputs, built with python's zipfile ------------------------------------------
/usr/bin/python3 - "$T" <<'PY'
import sys, zipfile
d = sys.argv[1]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
def book(path, sheets, drop=(), extra={}, compress=zipfile.ZIP_DEFLATED):
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % REL,
        "xl/workbook.xml": '<?xml version="1.0"?><workbook %s><sheets>%s</sheets><calcPr calcId="152511"/></workbook>' % (NS,
            "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1) for i, (n, _) in enumerate(sheets))),
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' %
            "".join('<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, REL, i + 1) for i in range(len(sheets))),
    }
    for i, (_, data) in enumerate(sheets):
        parts["xl/worksheets/sheet%d.xml" % (i + 1)] = '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, data)
    parts.update(extra)
    with zipfile.ZipFile(path, "w", compress) as z:
        for name, data in parts.items():
            if name not in drop:
                z.writestr(name, data)

rows = ('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>999</v></c></row>'
        '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f>A2*2</f><v>4</v></c></row>'
        '<row r="3"><c r="A3"><v>3</v></c><c r="B3" t="str"><f>"n="&amp;A3</f><v>n=3</v></c></row>')
book(d + "/stale.xlsx", [("收入支出决算总表", rows), ("Two", '<row r="1"><c r="A1"><v>10</v></c></row>')])
book(d + "/noworkbook.xlsx", [("S", rows)], drop=("xl/workbook.xml",))
book(d + "/nosheet.xlsx", [("S", rows)], drop=("xl/worksheets/sheet1.xml",))
book(d + "/malformed.xlsx", [("S", '<row r="7"><c r="B7"><v>1</v></c><c r="C7"><v>2</x></c></row>')])
book(d + "/doctype.xlsx", [("S", rows)], extra={"xl/worksheets/sheet1.xml":
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet %s><sheetData/></worksheet>' % NS})
book(d + "/outside.xlsx", [("S", '<row r="1"><c r="XFE1"><v>1</v></c></row>')])
book(d + "/badformula.xlsx", [("S", '<row r="1"><c r="A1"><v>5</v></c><c r="B1"><f>SUM(A1,,(</f><v>42</v></c>'
                                    '<c r="C1"><f>A1*3</f><v>0</v></c></row>')])
# A sheet of 3 MB of zeros: fine by default, refused with --max-inflated 100000.
book(d + "/big.xlsx", [("S", '<row r="1"><c r="A1"><v>' + "0" * (3 << 20) + '</v></c></row>')])
data = open(d + "/stale.xlsx", "rb").read()
open(d + "/truncated.xlsx", "wb").write(data[: len(data) // 2])
open(d + "/notzip.xlsx", "w").write("just some text\n")
PY

CASE=$(find "$SHARED/conformance/excel-cases" -name '*.xlsx' | sort | head -1)

# --- recalc -------------------------------------------------------------------
md5_before=$(md5sum < "$CASE")
expect 0 "$SP" recalc "$CASE" -o "$T/case_out.xlsx"
has "$T/out" " sheets, "
has "$T/out" " formulas, "
[ -s "$T/case_out.xlsx" ] || fail "recalc wrote no output"
[ "$(md5sum < "$CASE")" = "$md5_before" ] || fail "recalc modified its input"

expect 2 "$SP" recalc "$T/stale.xlsx"                                  # neither -o nor --in-place
has "$T/err" "exactly one of -o"
expect 2 "$SP" recalc "$T/stale.xlsx" -o "$T/stale.xlsx"                # would overwrite the input
has "$T/err" "refusing to overwrite"

expect 0 "$SP" recalc "$T/stale.xlsx" -o "$T/stale_out.xlsx" --diff
has "$T/out" "'收入支出决算总表'!B1: 999 -> 2"
grep -q "B2:" "$T/out" && fail "--diff lists an unchanged cell"
expect 0 "$SP" get "$T/stale_out.xlsx" "'收入支出决算总表'!B1" --no-recalc
[ "$(cat "$T/out")" = "2" ] || fail "recalculated value not written: $(cat "$T/out")"

expect 0 "$SP" recalc "$T/stale.xlsx" -o "$T/stale_json.xlsx" --json
/usr/bin/python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert j['changed'][0]['cached']==999 and j['changed'][0]['computed']==2, j" "$T/out" \
    || fail "--json output"

cp "$T/stale.xlsx" "$T/inplace.xlsx"
expect 0 "$SP" recalc "$T/inplace.xlsx" --in-place
expect 0 "$SP" get "$T/inplace.xlsx" "'收入支出决算总表'!B1" --no-recalc
[ "$(cat "$T/out")" = "2" ] || fail "--in-place did not update the file"

expect 0 "$SP" recalc "$T/stale.xlsx" -o "$T/fcl.xlsx" --full-calc-on-load
unzip -p "$T/fcl.xlsx" xl/workbook.xml | grep -q 'fullCalcOnLoad="1"' || fail "--full-calc-on-load not set"
unzip -p "$T/stale_out.xlsx" xl/workbook.xml | grep -q 'fullCalcOnLoad' && fail "fullCalcOnLoad set without being asked"
unzip -p "$T/stale_out.xlsx" xl/workbook.xml | grep -q 'calcId="191029"' || fail "calcId not current"

expect 4 "$SP" recalc "$T/stale.xlsx" -o "$T/no/such/dir/out.xlsx"     # cannot write
has "$T/err" "out.xlsx"

# --- get / eval / dump ----------------------------------------------------------------
expect 0 "$SP" get "$T/stale.xlsx" "'收入支出决算总表'!B1" "Two!A1" "'收入支出决算总表'!A1:B2"
[ "$(cat "$T/out")" = "$(printf '2\n10\n1\t2\n2\t4')" ] || fail "get output: $(cat "$T/out")"
expect 0 "$SP" get "$T/stale.xlsx" B3 --sheet '收入支出决算总表'
[ "$(cat "$T/out")" = "n=3" ] || fail "get --sheet: $(cat "$T/out")"
expect 3 "$SP" get "$T/stale.xlsx" "Nope!A1"
has "$T/err" "no sheet named 'Nope'"
has "$T/err" "stale.xlsx"
expect 3 "$SP" get "$T/stale.xlsx" "Two!XFE1"
has "$T/err" "outside the grid"

expect 0 "$SP" eval "$T/stale.xlsx" "=SUM('收入支出决算总表'!B1:B2)+Two!A1"
[ "$(cat "$T/out")" = "16" ] || fail "eval: $(cat "$T/out")"
expect 3 "$SP" eval "$T/stale.xlsx" "=SUM(Missing!A1:A3)"
has "$T/err" "no sheet named 'Missing'"
expect 3 "$SP" eval "$T/stale.xlsx" "=SUM(1,"
has "$T/err" "does not parse"

expect 0 "$SP" dump "$T/stale.xlsx" --formulas
has "$T/out" "== 收入支出决算总表 (A1:B3)"
has "$T/out" "$(printf 'B1\t=A1*2\t999')"                            # cached value: dump does not recalc
expect 0 "$SP" dump "$T/stale.xlsx" --csv --recalc
[ "$(head -1 "$T/out")" = "1,2" ] || fail "dump --csv: $(head -1 "$T/out")"
expect 3 "$SP" dump "$T/stale.xlsx" --sheet Nope

# --- bad input: exit 3, a message naming file/part/cell, and no output -------------------
bad() {  # bad FILE EXPECTED-TEXT [extra args]
    local f=$1 text=$2; shift 2
    rm -f "$T/bad_out.xlsx"
    expect 3 "$SP" recalc "$T/$f" -o "$T/bad_out.xlsx" "$@"
    has "$T/err" "$f"
    has "$T/err" "$text"
    [ -e "$T/bad_out.xlsx" ] && fail "$f: output written despite the error"
    ls -a "$T" | grep -q '\.tmp-' && fail "$f: temporary file left"
}
bad notzip.xlsx "not an xlsx file"
bad truncated.xlsx "truncated or damaged zip"
bad noworkbook.xlsx "xl/workbook.xml: missing workbook part"
bad nosheet.xlsx "xl/worksheets/sheet1.xml: missing worksheet part"
bad malformed.xlsx "xl/worksheets/sheet1.xml: near C7: malformed XML"
bad doctype.xlsx "DOCTYPE"
bad outside.xlsx "xl/worksheets/sheet1.xml: XFE1: cell reference outside the grid"
bad big.xlsx "over the limit" --max-inflated 100000
bad badformula.xlsx "formula(s) do not parse"                         # recalc: bad input by default
has "$T/err" "xl/worksheets/sheet1.xml: S!B1"
expect 0 "$SP" recalc "$T/big.xlsx" -o "$T/big_out.xlsx"              # the default cap lets it through

# With --lenient, a formula that does not parse is reported with its cell, keeps its cached
# value, and the rest is recalculated and written.
expect 0 "$SP" recalc "$T/badformula.xlsx" -o "$T/badformula_out.xlsx" --lenient
has "$T/err" "xl/worksheets/sheet1.xml: S!B1"
has "$T/err" "cached value kept"
expect 0 "$SP" get "$T/badformula_out.xlsx" S!B1 S!C1 --no-recalc
[ "$(cat "$T/out")" = "$(printf '42\n15')" ] || fail "bad formula: $(cat "$T/out")"
# Reading commands report it and go on; --strict makes them refuse.
expect 0 "$SP" get "$T/badformula.xlsx" S!C1
has "$T/err" "S!B1"
expect 3 "$SP" get "$T/badformula.xlsx" S!C1 --strict

[ $fails = 0 ] && echo "xlsx_commands: all passed"
exit $((fails > 0))
