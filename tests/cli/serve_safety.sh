#!/usr/bin/env bash
# serve_safety.sh — the workbench with a token, on one protected workbook, with plugins that
# loop and eat memory: requests without the token are refused (401 JSON), only the named
# workbook opens, locked cells refuse edits and unlocked ones take them, hidden rows/columns
# and protection are reported, the runaway plugins show as error values and the server stays
# responsive, a second client (another tab) sees the first one's edits.
# Usage: serve_safety.sh SUANPAN [SHARED_DIR]
set -euo pipefail
SP=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
mkdir -p "$TMP/plugins" "$TMP/books"
cat > "$TMP/plugins/runaway.lua" <<'LUA'
suanpan.func { name = "LOOPY", params = { "x" }, fn = function(x) while true do end end }
suanpan.func { name = "HOG", params = { "x" }, fn = function(x)
  local t = {}
  for i = 1, 1e9 do t[i] = string.rep("x", 4096) .. i end
end }
LUA
/usr/bin/python3 - "$TMP/books" <<'PY'
import sys, openpyxl
from openpyxl.styles import Protection
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "表"
ws["A1"] = 1; ws["A1"].protection = Protection(locked=False)
ws["A2"] = 2
ws["B1"] = "=LOOPY(A1)"; ws["C1"] = "=HOG(A1)"; ws["D1"] = "=A1*10"
ws.row_dimensions[3].hidden = True; ws["A3"] = "隐藏行"
ws.column_dimensions["E"].hidden = True; ws["E1"] = "隐藏列"
ws.protection.sheet = True
wb.save(sys.argv[1] + "/book.xlsx")
wb.save(sys.argv[1] + "/other.xlsx")
PY
"$SP" --plugins "$TMP/plugins" serve "$TMP/books/book.xlsx" --port 0 --token s3cret > "$TMP/serve.out" 2> "$TMP/serve.err" &
PID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$TMP/serve.out" || true)
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "server did not start"; cat "$TMP/serve.err"; exit 1; }
grep -q "token=s3cret" "$TMP/serve.out" || { echo "the printed URL does not carry the token"; exit 1; }
/usr/bin/python3 - "$URL" <<'PY'
import json, sys, time, urllib.error, urllib.request
URL = sys.argv[1]
fails = []
def call(method, path, body=None, token="s3cret", query=""):
    req = urllib.request.Request(URL.rstrip("/") + path + query, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    if token: req.add_header("X-Suanpan-Token", token)
    if body is not None: req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as r: return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
def check(c, what):
    print(("ok   " if c else "FAIL ") + what, flush=True)
    if not c: fails.append(what)
def err(st, body): return st, json.loads(body)["error"]["code"]
check(err(*call("GET", "/api/info", token=None)) == (401, "token"), "no token: 401")
check(err(*call("GET", "/api/info", token="wrong")) == (401, "token"), "a wrong token: 401")
check(call("GET", "/", token=None)[0] == 401, "even the page needs the token")
check(call("GET", "/api/info", token=None, query="?token=s3cret")[0] == 200, "the token in the URL works")
check(call("GET", "/", token=None, query="?token=s3cret")[0] == 200, "the page with ?token= loads")
st, body = call("POST", "/api/open", {"file": "book.xlsx"})
book = json.loads(body)
sh = book["sheets"][0]
check(st == 200 and sh["protected"] and sh["hidden_rows"] == [2] and sh["hidden_cols"] == [4],
      f"protection, hidden row 3 and column E reported ({sh['protected']}, {sh['hidden_rows']}, {sh['hidden_cols']})")
check(err(*call("POST", "/api/open", {"file": "other.xlsx"})) == (403, "not_this_workbook"), "only the named workbook opens")
check(err(*call("POST", "/api/save", {"file": "book.xlsx", "as": "other.xlsx", "force": True})) == (409, "exists"),
      "save-as never overwrites another file of the folder")
cells = {(c["r"], c["c"]): c for c in json.loads(call("GET", "/api/cells", query="?file=book.xlsx&sheet=%E8%A1%A8&range=A1:D2")[1])["cells"]}
check(cells[(0, 0)].get("e") == 1 and "e" not in cells[(1, 0)], "the unlocked cell is input, the locked one is not")
check(cells[(0, 1)].get("err") == 1 and cells[(0, 2)].get("err") == 1,
      f"the looping and the memory-eating plugin show error values ({cells[(0, 1)].get('v')}, {cells[(0, 2)].get('v')})")
check(err(*call("POST", "/api/edit", {"file": "book.xlsx", "sheet": "表", "cell": "A2", "value": "5"})) == (409, "locked"),
      "a locked cell of a protected sheet refuses the edit")
t0 = time.time()
st, body = call("POST", "/api/edit", {"file": "book.xlsx", "sheet": "表", "cell": "A1", "value": "7"})
ch = {(c["r"], c["c"]): c for c in json.loads(body)["changed"]}
check(st == 200 and ch[(0, 3)]["v"] == 70, f"the unlocked cell takes the edit, D1 follows ({time.time() - t0:.1f} s with two runaway plugins)")
t0 = time.time()
check(call("GET", "/api/info")[0] == 200 and time.time() - t0 < 2, "the server stays responsive")
tab2 = {(c["r"], c["c"]): c for c in json.loads(call("GET", "/api/cells", query="?file=book.xlsx&sheet=%E8%A1%A8&range=A1:D1")[1])["cells"]}
check(tab2[(0, 0)]["v"] == 7 and tab2[(0, 3)]["v"] == 70, "another tab sees the edit on refresh")
sys.exit(1 if fails else 0)
PY
kill -0 "$PID"
echo "serve_safety: ok"
