#!/usr/bin/env bash
# serve_browser.sh — the workbench in a real browser: Debian's chromium (headless) through
# chromium-driver and python3-selenium types a figure into 收入支出决算总表 of the 000 决算
# sample, checks the totals against `suanpan get` for the same edit, the 审核 panel, undo/redo,
# and saving (read back by openpyxl and LibreOffice; untouched parts byte-identical).
# Screenshots go to test-output/serve_browser/ under the working folder.
# Usage: serve_browser.sh SUANPAN [SHARED_DIR]
set -euo pipefail
SP=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
for tool in chromium chromedriver soffice; do
  command -v "$tool" > /dev/null || { echo "serve_browser: $tool not installed (scripts/setup)"; exit 1; }
done
OUT=${SERVE_BROWSER_OUT:-$PWD/test-output/serve_browser}
rm -rf "$OUT"; mkdir -p "$OUT"
TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

cp "$ROOT/workbooks/samples/000_部门决算公开.xlsx" "$TMP/决算.xlsx"
cp "$TMP/决算.xlsx" "$TMP/original.xlsx"
"$SP" serve "$TMP/决算.xlsx" --port 0 > "$TMP/serve.out" 2> "$TMP/serve.err" &
PID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$TMP/serve.out" || true)
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "server did not start"; cat "$TMP/serve.err"; exit 1; }
SP_BIN="$SP" timeout 240 /usr/bin/python3 "$HERE/../serve/browser_test.py" "$URL" "$TMP" "$OUT"
kill -0 "$PID"
echo "serve_browser: ok (screenshots in $OUT)"
