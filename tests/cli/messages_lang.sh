#!/usr/bin/env bash
# messages_lang.sh — messages in the user's language (issue 14 item 5): real commands on bad input
# say it in Chinese under LANG=zh_CN.UTF-8 and under --lang zh, in English under LANG=C, with the
# same exit code in every language; a batch's report.html is Chinese even under LANG=C.
# Usage: bash messages_lang.sh <path-to-suanpan> <shared-dir>
set -u
SP=$1
HERE=$(cd "$(dirname "$0")" && pwd)
SAMPLE="$HERE/../../workbooks/samples/000_项目支出绩效自评表_4.xlsx"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
bad() { echo "FAIL - $1"; fail=1; }

# Inputs: a text file named .xlsx, a file that is not there, an OLE file as Excel writes one with
# an open password (EncryptedPackage stream), and a check rule whose Lua function raises an error.
echo "not a zip" >"$T/plain.xlsx"
/usr/bin/python3 - "$T/encrypted.xlsx" <<'PY'
import struct, sys
hdr = bytes.fromhex('D0CF11E0A1B11AE1') + b'\0' * 16 + struct.pack('<HHHH', 0x3E, 3, 0xFFFE, 9) + b'\0' * (512 - 32)
name = 'EncryptedPackage'.encode('utf-16-le') + b'\0\0'
dirent = name + b'\0' * (64 - len(name)) + struct.pack('<HBB', len(name), 2, 1) + b'\0' * (128 - 68)
open(sys.argv[1], 'wb').write(hdr + dirent * 4 + b'\x5a' * 1024)
PY
mkdir -p "$T/rules"
cat >"$T/rules/broken.lua" <<'LUA'
suanpan.check { id = "BROKEN-9", severity = "error", message = "坏规则",
  fn = function(wb) local t = nil; return t.field end }
LUA

# run NAME WANT_RC ZH_TEXT EN_TEXT -- ARGS…: the command under the three settings, stdout and
# stderr together; same exit code each time, ZH_TEXT in both Chinese runs, EN_TEXT under LANG=C
# (and neither the other language's text).
run() {
    local name=$1 want=$2 zh=$3 en=$4
    shift 5
    local rc
    env LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES= "$SP" "$@" >"$T/zh" 2>&1; rc=$?
    [ "$rc" = "$want" ] || bad "$name: exit $rc under LANG=zh_CN.UTF-8 (want $want)"
    grep -qF -- "$zh" "$T/zh" || bad "$name: LANG=zh_CN.UTF-8 lacks '$zh': $(head -c 400 "$T/zh")"
    grep -qF -- "$en" "$T/zh" && bad "$name: English '$en' under LANG=zh_CN.UTF-8"
    env LANG=C LC_ALL= LC_MESSAGES= "$SP" --lang zh "$@" >"$T/flag" 2>&1; rc=$?
    [ "$rc" = "$want" ] || bad "$name: exit $rc with --lang zh (want $want)"
    grep -qF -- "$zh" "$T/flag" || bad "$name: --lang zh lacks '$zh': $(head -c 400 "$T/flag")"
    env LANG=C LC_ALL= LC_MESSAGES= "$SP" "$@" >"$T/en" 2>&1; rc=$?
    [ "$rc" = "$want" ] || bad "$name: exit $rc under LANG=C (want $want)"
    grep -qF -- "$en" "$T/en" || bad "$name: LANG=C lacks '$en': $(head -c 400 "$T/en")"
    grep -qF -- "$zh" "$T/en" && bad "$name: Chinese '$zh' under LANG=C"
    # --lang en wins over a Chinese locale.
    env LANG=zh_CN.UTF-8 LC_ALL= "$SP" --lang en "$@" >"$T/en2" 2>&1
    grep -qF -- "$en" "$T/en2" || bad "$name: --lang en under LANG=zh_CN.UTF-8 lacks '$en'"
    [ $fail = 0 ] && echo "ok - $name"
}

run "not a zip (get)" 3 "plain.xlsx: 不是 xlsx 文件（不是 zip 压缩包）" "plain.xlsx: not an xlsx file (not a zip archive)" -- \
    get "$T/plain.xlsx" A1
run "not a zip (check)" 3 "不是 xlsx 文件" "not an xlsx file" -- check "$T/plain.xlsx"
run "not a zip (recalc)" 3 "不是 xlsx 文件" "not an xlsx file" -- recalc "$T/plain.xlsx" -o "$T/out.xlsx"
run "missing file" 3 "nothere.xlsx: 无法打开：" "nothere.xlsx: cannot open: " -- get "$T/nothere.xlsx" A1
run "password-protected" 3 "此工作簿设有打开密码" "this workbook is password-protected" -- get "$T/encrypted.xlsx" A1
run "unknown sheet" 3 "没有名为“无此表”的工作表" "no sheet named '无此表'" -- get "$SAMPLE" "'无此表'!A1"
run "outside the grid" 3 "引用超出表格范围" "reference outside the grid" -- get "$SAMPLE" "A1:A9999999"
run "not a reference" 3 "不是单元格引用" "not a cell reference" -- get "$SAMPLE" "%%"
run "missing --rules folder" 3 "没有这个文件夹或文件" "no such folder or file" -- check --rules "$T/nowhere" "$SAMPLE"
mkdir -p "$T/badplug"
echo 'suanpan.func { name = "X", fn = function( end }' >"$T/badplug/syntax.lua"
run "broken plugin file" 0 "插件错误：" "plugin error: " -- --plugins "$T/badplug" get "$SAMPLE" A1
run "broken plugin file (why)" 0 "无法加载插件：" "cannot load plugin: " -- --plugins "$T/badplug" get "$SAMPLE" A1
run "broken rule (check)" 1 "规则执行出错：" "the rule raised an error: " -- check --rules "$T/rules" "$SAMPLE"
run "check table" 0 "适用规则" "rules applied" -- check "$SAMPLE"
mkdir -p "$T/in"
cp "$SAMPLE" "$T/plain.xlsx" "$T/in/"
run "broken rule (batch)" 0 "在 1 个工作簿中执行出错" "raised an error in 1 workbook(s)" -- \
    batch "$T/in" --rules "$T/rules" --out "$T/b" --progress never
run "batch summary" 0 "无法读取 1" "1 unreadable" -- batch "$T/in" --out "$T/b" --progress never
run "batch: no workbooks" 3 "输入中没有找到工作簿" "no workbooks" -- batch "$T/rules" --out "$T/b2" --progress never

# report.html of a batch run under LANG=C, and the unreadable file's page: the reason in Chinese,
# no English text of the reader or of a broken rule.
env LANG=C LC_ALL= "$SP" batch "$T/in" --rules "$T/rules" --out "$T/c" --progress never >/dev/null 2>&1
pages=("$T/c/report.html" "$T/c/detail/plain.xlsx.html")
for p in "${pages[@]}"; do [ -s "$p" ] || bad "$p not written"; done
grep -qF "不是 xlsx 文件（不是 zip 压缩包）" "$T/c/detail/plain.xlsx.html" || bad "the unreadable file's page lacks the Chinese reason"
grep -qF "无法读取" "$T/c/report.html" || bad "report.html lacks 无法读取"
for p in "${pages[@]}"; do
    grep -qF "not an xlsx file" "$p" && bad "$p (LANG=C) shows the reader's English reason"
    grep -qF "raised an error" "$p" && bad "$p (LANG=C) shows an English broken-rule sentence"
done
[ $fail = 0 ] && echo "ok - report.html and the detail pages are Chinese under LANG=C"

exit $fail
