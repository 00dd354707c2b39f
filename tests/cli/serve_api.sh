#!/usr/bin/env bash
# serve_api.sh — the workbench's JSON API driven by a real HTTP client (python3 urllib):
# open, sheets, cells, edit, findings, save, download, report, and every kind of bad
# input (unknown sheet, cell beyond XFD1048576, '..' and symlinks out of the folder, a
# foreign Origin/Host, an oversized upload, a truncated xlsx): each a 4xx JSON error, the
# server still alive. Usage: serve_api.sh SUANPAN [SHARED_DIR]
set -euo pipefail
SP=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

mkdir -p "$TMP/folder/sub" "$TMP/outside"
cp "$ROOT/workbooks/samples/000_部门决算公开.xlsx" "$TMP/folder/决算.xlsx"
cp "$ROOT/workbooks/samples/000_部门决算公开.xlsx" "$TMP/outside/secret.xlsx"
ln -s "$TMP/outside/secret.xlsx" "$TMP/folder/link.xlsx"
ln -s "$TMP/outside" "$TMP/folder/linkdir"
head -c 3000 "$ROOT/workbooks/samples/000_部门决算公开.xlsx" > "$TMP/folder/broken.xlsx"
cp "$TMP/folder/决算.xlsx" "$TMP/original.xlsx"

# The message `suanpan recalc` gives for the truncated file, for comparison.
set +e
"$SP" recalc "$TMP/folder/broken.xlsx" -o "$TMP/x.xlsx" --lang zh 2> "$TMP/recalc.err"
set -e
RECALC_MSG=$(sed -n 's/^suanpan: //p' "$TMP/recalc.err" | head -1)

"$SP" serve "$TMP/folder" --port 0 --max-upload 1000000 > "$TMP/serve.out" 2> "$TMP/serve.err" &
PID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$TMP/serve.out" || true)
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "server did not start"; cat "$TMP/serve.err"; exit 1; }

SP_BIN="$SP" /usr/bin/python3 "$HERE/../serve/api_client.py" "$URL" "$TMP" "$RECALC_MSG"
kill -0 "$PID"  # still alive after all of it
echo "serve_api: ok"
