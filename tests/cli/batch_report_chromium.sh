#!/usr/bin/env bash
# batch_report_chromium.sh — `suanpan batch` on samples and broken copies, then report.html
# opened in headless Chromium (Debian's chromium): the DOM Chromium builds must list every
# workbook in the summary table with its status (as report.json says, and as expected for
# each broken copy), in readable Chinese (the page declares its charset).
# Usage: bash batch_report_chromium.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/sp-batch-chromium.XXXXXX)
trap 'rm -rf "$T"' EXIT
command -v chromium >/dev/null 2>&1 || { echo "FAIL: chromium is not installed (./scripts/setup installs it)"; exit 1; }

mkdir -p "$T/in"
for f in 000_部门决算公开.xlsx 000_项目支出绩效自评表_1.xlsx 002_部门预算公开.xlsx 003_项目支出绩效自评表_2.xlsx; do
  cp "$SRC/workbooks/samples/$f" "$T/in/"
done
(cd "$SRC" && ./scripts/demo --broken-copies "$T/in") || { echo "FAIL: could not make the broken copies"; exit 1; }

"$SP" batch "$T/in" --out "$T/out" -j 2 --progress never >"$T/stdout" 2>"$T/stderr"
rc=$?
[ "$rc" = 0 ] || { echo "FAIL: batch exited $rc (want 0: the batch ran; broken copies are rows) :: $(head -c 600 "$T/stderr")"; exit 1; }

timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$T/profile" --dump-dom "file://$T/out/report.html" \
  >"$T/dom.html" 2>"$T/chromium.err"
[ -s "$T/dom.html" ] || { echo "FAIL: chromium dumped no DOM :: $(tail -c 600 "$T/chromium.err")"; exit 1; }

/usr/bin/python3 - "$T/dom.html" "$T/out/report.json" <<'PY'
import json, os, sys
from html.parser import HTMLParser

dom, report = sys.argv[1], sys.argv[2]

class Summary(HTMLParser):
    """Rows of table#summary > tbody: data-status, td.path text, td.status text, and the stale column."""
    def __init__(self):
        super().__init__()
        self.rows, self.in_table, self.in_body, self.cell, self.title = [], False, False, None, ""
        self.in_h1 = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id") == "summary": self.in_table = True
        elif self.in_table and tag == "tbody": self.in_body = True
        elif self.in_body and tag == "tr": self.rows.append({"status": a.get("data-status"), "cells": []})
        elif self.in_body and tag == "td":
            self.cell = {"class": a.get("class", ""), "text": ""}
            self.rows[-1]["cells"].append(self.cell)
        elif tag == "h1": self.in_h1 = True
    def handle_endtag(self, tag):
        if tag == "table" and self.in_table: self.in_table = self.in_body = False
        elif tag == "td": self.cell = None
        elif tag == "h1": self.in_h1 = False
    def handle_data(self, data):
        if self.cell is not None: self.cell["text"] += data
        if self.in_h1: self.title += data

p = Summary()
p.feed(open(dom, encoding="utf-8").read())
expected = {w["path"]: w for w in json.load(open(report, encoding="utf-8"))["workbooks"]}
labels = {"passed": "通过", "info": "提示", "warnings": "警告", "failed": "未通过", "unreadable": "无法读取"}
must = {"坏_文件损坏.xlsx": "unreadable", "坏_不是表格.xlsx": "unreadable", "坏_合计不平.xlsx": "failed"}
fails = []
if p.title.strip() != "批量审核报告": fails.append("title is %r (charset not honoured?)" % p.title)
seen = {}
for r in p.rows:
    path = next((c["text"].strip() for c in r["cells"] if "path" in c["class"].split()), None)
    status_text = next((c["text"].strip() for c in r["cells"] if "status" in c["class"].split()), None)
    seen[path] = r
    w = expected.get(path)
    if w is None: fails.append("row for a workbook not in report.json: %r" % path); continue
    if r["status"] != w["status"]: fails.append("%s: data-status %s, report.json %s" % (path, r["status"], w["status"]))
    if status_text != labels.get(w["status"]): fails.append("%s: status shows %r" % (path, status_text))
    want = must.get(os.path.basename(path))
    if want and r["status"] != want: fails.append("%s: status %s, want %s" % (path, r["status"], want))
for path in expected:
    if path not in seen: fails.append("workbook missing from the summary table: " + path)
if len(p.rows) != 8: fails.append("%d summary rows, want 8" % len(p.rows))
# The stale copy differs from its original only by one stale cached value.
by_name = {os.path.basename(k): v for k, v in seen.items()}
stale, orig = by_name.get("坏_缓存值过期.xlsx"), by_name.get("000_部门决算公开.xlsx")
if stale and orig:
    if stale["status"] != orig["status"]: fails.append("stale copy status %s, original %s" % (stale["status"], orig["status"]))
    col = lambda row: [c["text"] for c in row["cells"]][6]
    if int(col(stale)) != int(col(orig)) + 1: fails.append("stale column: copy %s, original %s" % (col(stale), col(orig)))
for f in fails: print("FAIL:", f)
print("chromium: %d summary rows checked" % len(p.rows))
sys.exit(1 if fails else 0)
PY
