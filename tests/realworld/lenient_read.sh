#!/bin/bash
# lenient_read.sh — issue 13 item 7: files that Excel and openpyxl read are read (zip entries
# with a data descriptor whose local header still carries the sizes, entry names written with
# backslashes, a <sheet> with an empty r:id); a password-protected workbook (OLE
# EncryptedPackage) is refused with that reason; damage stays a clean refusal (exit 3).
# Args: $1 = suanpan binary.
set -u
SP=$1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
/usr/bin/python3 - "$T" <<'PY'
import sys, struct, zlib, os
d = sys.argv[1]
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
def parts(sep='/', extra_sheet=''):
    return [
     ('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
     ('_rels' + sep + '.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % R),
     ('xl' + sep + 'workbook.xml', '<?xml version="1.0"?><workbook %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/>%s</sheets></workbook>' % (ns, extra_sheet)),
     ('xl' + sep + '_rels' + sep + 'workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/></Relationships>' % R),
     ('xl' + sep + 'worksheets' + sep + 'sheet1.xml', '<?xml version="1.0"?><worksheet %s><sheetData><row r="1"><c r="A1"><v>20</v></c><c r="B1"><f>A1*2+1</f><v>41</v></c></row></sheetData></worksheet>' % ns)]
def write_zip(path, ps, descriptor=False):
    out, central = b'', b''
    for name, text in ps:
        data = text.encode(); comp = zlib.compress(data)[2:-4]; crc = zlib.crc32(data)
        flag = 0x08 if descriptor else 0
        n = name.encode(); off = len(out)
        # local header: with a descriptor the CRC is left 0 but the sizes are still filled in
        # (what some writers do; libzip's consistency check calls this inconsistent)
        lcrc = 0 if descriptor else crc
        out += struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, flag, 8, 0, 0x21, lcrc, len(comp), len(data), len(n), 0) + n + comp
        if descriptor: out += struct.pack('<IIII', 0x08074b50, crc, len(comp), len(data))
        central += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, flag, 8, 0, 0x21, crc, len(comp), len(data), len(n), 0, 0, 0, 0, 0, off) + n
    cd_off = len(out); out += central
    out += struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(ps), len(ps), len(central), cd_off, 0)
    open(path, 'wb').write(out)
write_zip(d + '/descriptor.xlsx', parts(), descriptor=True)
write_zip(d + '/backslash.xlsx', parts(sep='\\'))
write_zip(d + '/empty_rid.xlsx', parts(extra_sheet='<sheet name="Ghost" sheetId="2" r:id=""/>'))
# An OLE compound file header and a directory sector naming the EncryptedPackage stream.
hdr = bytes.fromhex('D0CF11E0A1B11AE1') + b'\0' * 16 + struct.pack('<HHHH', 0x3E, 3, 0xFFFE, 9) + b'\0' * (512 - 32)
name = 'EncryptedPackage'.encode('utf-16-le') + b'\0\0'
dirent = name + b'\0' * (64 - len(name)) + struct.pack('<HBB', len(name), 2, 1) + b'\0' * (128 - 68)
open(d + '/encrypted.xlsx', 'wb').write(hdr + dirent * 4 + os.urandom(1024))
open(d + '/legacy.xls', 'wb').write(hdr + os.urandom(1024))
full = open(d + '/descriptor.xlsx', 'rb').read()
open(d + '/truncated.xlsx', 'wb').write(full[:len(full) // 2])
PY
for f in descriptor backslash empty_rid; do
    "$SP" recalc "$T/$f.xlsx" -o "$T/$f.out.xlsx" 2>"$T/e" >/dev/null || fail "$f refused: $(cat "$T/e")"
    /usr/bin/python3 -c "
import openpyxl,sys
v = openpyxl.load_workbook(sys.argv[1], data_only=True)['S']['B1'].value
assert v == 41, v" "$T/$f.out.xlsx" || fail "$f: wrong output"
done
grep -q "Ghost" "$T/e" || fail "empty r:id not noted"
"$SP" recalc "$T/encrypted.xlsx" -o "$T/x.xlsx" 2>"$T/e"; rc=$?
[ $rc = 3 ] || fail "encrypted: exit $rc"
grep -q "password-protected; save it without a password" "$T/e" || fail "encrypted: $(cat "$T/e")"
"$SP" recalc "$T/legacy.xls" -o "$T/x.xlsx" 2>"$T/e"; rc=$?
[ $rc = 3 ] && grep -q "not a zip archive" "$T/e" || fail "legacy xls: exit $rc $(cat "$T/e")"
"$SP" recalc "$T/truncated.xlsx" -o "$T/x.xlsx" 2>"$T/e"; rc=$?
[ $rc = 3 ] || fail "truncated: exit $rc"
[ -e "$T/x.xlsx" ] && fail "output written for a refused file"
echo "lenient_read: ok"
