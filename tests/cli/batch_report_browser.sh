#!/usr/bin/env bash
# batch_report_browser.sh — report.html of a 260-workbook batch driven in headless Chromium
# (Selenium + chromedriver): the table shows the first 100 rows and pages on, the status filter
# keeps only the rows of that status (as many as workbooks.jsonl has), sorting by 错误 puts the
# workbook with most errors first, the file-name filter finds one workbook, and its link opens
# its detail page (whose stale cells are grouped). No network: everything from file://.
# Usage: bash batch_report_browser.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/sp-batch-browser.XXXXXX)
trap 'rm -rf "$T"' EXIT
/usr/bin/python3 "$SRC/tests/batch/gen_workbooks.py" "$SRC/workbooks/samples" 260 "$T/in" 260 || { echo "FAIL: generator"; exit 1; }
"$SP" batch "$T/in" --out "$T/out" -j 2 -q || { echo "FAIL: batch exited $?"; exit 1; }

/usr/bin/python3 - "$T/out" "$T/profile" <<'PY'
import json, os, shutil, sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
out, profile = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(os.path.join(out, "workbooks.jsonl"), encoding="utf-8")]
opts = webdriver.ChromeOptions()
opts.binary_location = shutil.which("chromium")
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + profile):
    opts.add_argument(a)
d = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
fails = []
def body(): return d.find_elements(By.CSS_SELECTOR, "#summary tbody tr")
try:
    d.get("file://" + os.path.join(out, "report.html"))
    if d.title != "批量审核报告": fails.append("title %r" % d.title)
    if len(body()) != 100: fails.append("first page has %d rows" % len(body()))
    d.find_element(By.ID, "next").click(); d.find_element(By.ID, "next").click()
    if len(body()) != 60: fails.append("third page has %d rows (want 60)" % len(body()))
    info = d.find_element(By.ID, "pageinfo").text
    if "第 3 / 3 页" not in info or "260" not in info: fails.append("page info %r" % info)
    Select(d.find_element(By.ID, "st")).select_by_value("unreadable")
    got = body()
    want = sum(r["status"] == "unreadable" for r in rows)
    if len(got) != want or any(tr.get_attribute("data-status") != "unreadable" for tr in got):
        fails.append("status filter: %d rows, want %d unreadable" % (len(got), want))
    Select(d.find_element(By.ID, "st")).select_by_value("")
    d.find_element(By.CSS_SELECTOR, "#summary th[data-key='2']").click()  # 错误, descending
    first = body()[0].find_elements(By.TAG_NAME, "td")
    top = max(r["counts"]["error"] for r in rows)
    if int(first[3].text) != top: fails.append("sorted by errors: first row has %s, max is %d" % (first[3].text, top))
    name = os.path.basename(rows[17]["path"])
    q = d.find_element(By.ID, "q"); q.send_keys(name)
    got = body()
    if len(got) != 1 or got[0].find_element(By.CSS_SELECTOR, "td.path").text != rows[17]["path"]:
        fails.append("file-name filter: %d rows" % len(got))
    else:
        got[0].find_element(By.CSS_SELECTOR, "td.path a").click()
        h1 = d.find_element(By.TAG_NAME, "h1").text
        if h1 != rows[17]["path"]: fails.append("detail page shows %r" % h1)
        if rows[17]["stale_count"] and "个单元格缓存值过期" not in d.page_source: fails.append("detail page: stale cells not grouped")
        d.find_element(By.LINK_TEXT, "← 返回批量审核报告").click()
        if d.title != "批量审核报告": fails.append("back link")
finally:
    d.quit()
for f in fails: print("FAIL:", f)
if not fails: print("batch report in the browser: all passed")
sys.exit(1 if fails else 0)
PY
