#!/usr/bin/python3
"""api_client.py URL TMPDIR RECALC_MSG — drives the workbench's JSON API (tests/cli/serve_api.sh
starts the server on a folder holding 决算.xlsx, a symlink out, a truncated broken.xlsx)."""
import json, subprocess, sys, urllib.error, urllib.parse, urllib.request, zipfile, io, os

URL, TMP, RECALC_MSG = sys.argv[1], sys.argv[2], sys.argv[3]
HOST = urllib.parse.urlparse(URL).netloc
failures = []


def call(method, path, body=None, headers=None, raw=None, params=None):
    url = URL.rstrip("/") + path
    if params:
        url += "?" + urllib.parse.urlencode(params)
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None and raw is None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def expect_error(status, code, what, *args, **kw):
    st, hd, body = call(*args, **kw)
    try:
        j = json.loads(body)
        err = j["error"]
    except Exception:
        check(False, f"{what}: JSON error body (got {st} {body[:80]!r})")
        return None
    check(st == status and err["code"] == code and err["message"],
          f"{what}: {status} {code} (got {st} {err.get('code')}: {err.get('message')})")
    return err


def get_json(path, **params):
    st, _, body = call("GET", path, params=params)
    assert st == 200, (path, st, body[:300])
    return json.loads(body)


F = "决算.xlsx"
S = "收入支出决算总表"

# --- the good path -------------------------------------------------------------
info = get_json("/api/info")
check(info["mode"] == "folder" and F in info["workbooks"], "info lists the folder's workbooks")
check("link.xlsx" not in info["workbooks"] and not any(w.startswith("linkdir/") for w in info["workbooks"]),
      "symlinks are not listed")
check("部门决算公开" in info["templates"], "info lists the shipped templates")

st, _, body = call("POST", "/api/open", {"file": F})
book = json.loads(body)
check(st == 200 and book["sheets"][0]["name"] == S, "open returns the sheets")
sh = book["sheets"][0]
check(sh["frozen_rows"] == 5 and len(sh["merges"]) == 6, "layout: frozen rows and merges")
check(any(s.get("b") for s in book["styles"]) and any(s.get("border") for s in book["styles"]), "styles: bold and borders")
def errors(findings):
    return {f["rule"] for f in findings if f["severity"] == "error"}
check("JS01-004" not in errors(book["findings"]), "the sample passes JS01-004 as shipped (尾差 only)")

cells = get_json("/api/cells", file=F, sheet=S, range="A36:F39")["cells"]
by = {(c["r"], c["c"]): c for c in cells}
check(by[(35, 2)]["f"] == "=SUM(C6:C13)" and "e" not in by[(35, 2)], "a formula cell: formula, not editable")
check(by[(36, 2)].get("e") == 1, "an input cell is editable")

# Edit 其他收入 C13 in Chinese notation; the totals follow as `suanpan get` computes them.
st, _, body = call("POST", "/api/edit", {"file": F, "sheet": S, "cell": "C13", "value": "1,300.50"})
ed = json.loads(body)
changed = {(c["sheet"], c["r"], c["c"]): c for c in ed["changed"]}
check(st == 200 and changed[(S, 12, 2)]["v"] == 1300.5, "edit reads 1,300.50 as a number")
check((S, 35, 2) in changed and (S, 38, 2) in changed, "the edit answers the changed totals C36 and C39")
check("JS01-004" in errors(ed["findings"]), "the 审核 findings gain JS01-004 (收入总计≠支出总计) as an error")
# The same edit through openpyxl, recalculated by `suanpan get`.
subprocess.run(["/usr/bin/python3", "-c", """
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); wb['收入支出决算总表']['C13'] = 1300.5; wb.save(sys.argv[2])
""", os.path.join(TMP, "original.xlsx"), os.path.join(TMP, "edited_openpyxl.xlsx")], check=True)
out = subprocess.run([os.environ["SP_BIN"], "get", os.path.join(TMP, "edited_openpyxl.xlsx"), f"'{S}'!C36", f"'{S}'!C39"],
                     check=True, capture_output=True, text=True).stdout.split()
check([float(x) for x in out] == [changed[(S, 35, 2)]["v"], changed[(S, 38, 2)]["v"]],
      f"the totals equal what `suanpan get` gives after the same edit ({out})")
for s, v in [("（100.00）", -100.0), ("12.5%", 0.125), ("１２３", 123.0), ("'007", "007"), ("", None)]:
    st, _, body = call("POST", "/api/edit", {"file": F, "sheet": S, "cell": "C12", "value": s})
    c = [c for c in json.loads(body)["changed"] if c["r"] == 11 and c["c"] == 2][0]
    check(st == 200 and c.get("v") == v, f"typed {s!r} reads as {v!r} (got {c.get('v')!r})")

blk = call("POST", "/api/edit", {"file": F, "sheet": S, "cell": "C11", "values": [["1"], ["2"]]})
check(blk[0] == 200 and {(c["r"], c["c"]) for c in json.loads(blk[2])["changed"]} >= {(10, 2), (11, 2)},
      "a block edit (TSV paste) fills a range")
call("POST", "/api/edit", {"file": F, "sheet": S, "cell": "C11", "values": [[0], [0]], "raw": True})

pre = get_json("/api/precedents", file=F, sheet=S, cell="C39")
check(pre["formula"] == "=SUM(C36:C38)" and pre["precedents"][0]["range"] == "C36:C38", "precedents of C39")

# --- save, save-as, download, report ------------------------------------------
st, _, body = call("POST", "/api/save", {"file": F, "as": "sub/copy.xlsx"})
check(st == 200 and os.path.exists(os.path.join(TMP, "folder/sub/copy.xlsx")), "save-as writes a new file in the folder")
expect_error(409, "exists", "save-as over an existing file asks first", "POST", "/api/save", {"file": F, "as": "sub/copy.xlsx"})
st, hd, body = call("GET", "/api/download", params={"file": F})
check(st == 200 and zipfile.ZipFile(io.BytesIO(body)).testzip() is None and "attachment" in hd["Content-Disposition"],
      "download gives the current workbook")
for fmt, probe in [("json", b'"suanpan.check/1"'), ("html", b"JS01-004"), ("xlsx", b"PK")]:
    st, _, body = call("GET", "/api/report", params={"file": F, "format": fmt})
    check(st == 200 and probe in body[:200000], f"report as {fmt}")
os.utime(os.path.join(TMP, "folder", F), (1, 1))  # someone else changed the file on disk
expect_error(409, "changed_on_disk", "save over a file changed on disk asks first", "POST", "/api/save", {"file": F})
st, _, body = call("POST", "/api/save", {"file": F, "force": True})
check(st == 200, "save with force overwrites")
st, _, body = call("POST", "/api/new", {"template": "部门决算公开", "name": "新建.xlsx"})
check(st == 201 and os.path.exists(os.path.join(TMP, "folder/新建.xlsx")), "新建 copies a template into the folder")

# --- bad input: each a 4xx JSON error ------------------------------------------
expect_error(404, "unknown_sheet", "unknown sheet", "GET", "/api/cells", params={"file": F, "sheet": "没有", "range": "A1"})
expect_error(400, "outside_grid", "cell beyond XFD1048576", "GET", "/api/cells", params={"file": F, "sheet": S, "range": "XFE1"})
expect_error(400, "outside_grid", "row beyond 1048576", "POST", "/api/edit", {"file": F, "sheet": S, "cell": "A1048577", "value": "1"})
expect_error(400, "not_a_reference", "not a reference", "GET", "/api/cells", params={"file": F, "sheet": S, "range": "C5;DROP"})
expect_error(400, "range_too_large", "too large a range", "GET", "/api/cells", params={"file": F, "sheet": S, "range": "A1:XFD1048576"})
expect_error(403, "outside_folder", "a path with ..", "POST", "/api/open", {"file": "../outside/secret.xlsx"})
expect_error(403, "outside_folder", "an absolute path", "POST", "/api/open", {"file": TMP + "/outside/secret.xlsx"})
expect_error(403, "outside_folder", "a symlink out of the folder", "POST", "/api/open", {"file": "link.xlsx"})
expect_error(403, "outside_folder", "a folder symlink out", "POST", "/api/open", {"file": "linkdir/secret.xlsx"})
expect_error(403, "outside_folder", "save-as with ..", "POST", "/api/save", {"file": F, "as": "../evil.xlsx"})
expect_error(400, "bad_path", "not an xlsx path", "POST", "/api/open", {"file": "notes.txt"})
expect_error(404, "no_workbook", "a missing workbook", "POST", "/api/open", {"file": "nothere.xlsx"})
expect_error(409, "not_input", "editing a formula cell", "POST", "/api/edit", {"file": F, "sheet": S, "cell": "C39", "value": "1"})
expect_error(400, "formula_typed", "typing a formula", "POST", "/api/edit", {"file": F, "sheet": S, "cell": "C13", "value": "=1+1"})
expect_error(400, "bad_json", "a body that is not JSON", "POST", "/api/edit", raw=b"{nope", headers={"Content-Type": "application/json"})
expect_error(400, "missing_field", "a missing field", "POST", "/api/edit", {"file": F, "sheet": S})
expect_error(400, "bad_value", "a value of the wrong type", "POST", "/api/edit", {"file": F, "sheet": S, "cell": "C13", "value": {"x": 1}})
expect_error(403, "refused_origin", "a foreign Origin", "POST", "/api/edit",
             {"file": F, "sheet": S, "cell": "C13", "value": "5"}, headers={"Origin": "http://evil.example"})
expect_error(403, "refused_origin", "a foreign Origin on a GET", "GET", "/api/sheets", params={"file": F},
             headers={"Origin": "http://localhost:1"})
expect_error(403, "refused_host", "a foreign Host (DNS rebinding)", "GET", "/api/info", headers={"Host": "evil.example:80"})
expect_error(413, "too_large", "an oversized upload", "POST", "/api/upload", raw=b"x" * 1_500_000,
             params={"name": "big.xlsx"}, headers={"Content-Type": "application/octet-stream"})
err = expect_error(422, "unreadable", "a truncated xlsx upload", "POST", "/api/upload",
                   raw=open(os.path.join(TMP, "folder/broken.xlsx"), "rb").read(), params={"name": "up.xlsx"},
                   headers={"Content-Type": "application/octet-stream"})
check(not os.path.exists(os.path.join(TMP, "folder/up.xlsx")), "a refused upload leaves no file")
err = expect_error(422, "unreadable", "opening a truncated xlsx", "POST", "/api/open", {"file": "broken.xlsx"})
check(err is not None and RECALC_MSG and err["message"] == RECALC_MSG,
      f"the message is the one `suanpan recalc` gives ({RECALC_MSG!r})")
expect_error(400, "bad_format", "an unknown report format", "GET", "/api/report", params={"file": F, "format": "pdf"})
expect_error(404, "not_found", "an unknown API", "GET", "/api/nothing")
st, _, body = call("POST", "/api/upload", raw=open(os.path.join(TMP, "original.xlsx"), "rb").read(),
                   params={"name": "sub/uploaded.xlsx"}, headers={"Content-Type": "application/octet-stream"})
check(st == 201 and os.path.exists(os.path.join(TMP, "folder/sub/uploaded.xlsx")), "a good upload is stored")

# What a cell shows: the one formatter (number_format.h) for the page and `suanpan get --formatted`,
# with the values Excel shows for these codes, and the format's colour for [Red] negatives.
FMT_CASES = [("A1", 1234.5, "#,##0.00", "1,234.50", None), ("A2", -5, "0.00;[Red]-0.00", "-5.00", "#ff0000"),
             ("A3", 45322, 'yyyy"年"m"月"d"日"', "2024年1月31日", None), ("A4", 0.125, "0.0%", "12.5%", None),
             ("A5", 1234, "[DBNum2][$-804]General", "壹仟贰佰叁拾肆", None), ("A6", "=A1*2", "#,##0", "2,469", None)]
subprocess.run(["/usr/bin/python3", "-c", """
import openpyxl, sys, json
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'F'
for ref, v, code, _, _ in json.loads(sys.argv[2]):
    ws[ref] = v; ws[ref].number_format = code
wb.save(sys.argv[1])
""", os.path.join(TMP, "folder/formats.xlsx"), json.dumps(FMT_CASES)], check=True)
st, _, body = call("POST", "/api/open", {"file": "formats.xlsx"})
shown = {(c["r"], c["c"]): c for c in get_json("/api/cells", file="formats.xlsx", sheet="F", range="A1:A6")["cells"]}
got = subprocess.run([os.environ["SP_BIN"], "get", os.path.join(TMP, "folder/formats.xlsx"), "--formatted"] +
                     [ref for ref, *_ in FMT_CASES], check=True, capture_output=True, text=True).stdout.splitlines()
for i, (ref, v, code, want, colour) in enumerate(FMT_CASES):
    c = shown.get((i, 0), {})
    check(c.get("t") == want and c.get("fc") == colour, f"the page shows {v!r} as {code} → {want} {colour or ''} (got {c.get('t')!r} {c.get('fc')})")
    check(got[i] == want, f"get --formatted shows {ref} as {want} (got {got[i]!r})")

# Still alive and answering.
check(get_json("/api/info")["mode"] == "folder", "the server is alive after the bad requests")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
