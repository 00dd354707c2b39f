#!/usr/bin/python3
"""browser_test.py URL TMPDIR OUTDIR — see tests/cli/serve_browser.sh. TMPDIR holds 决算.xlsx
(the file the server opened) and original.xlsx (an untouched copy)."""
import csv, io, os, re, shutil, subprocess, sys, tempfile, time, zipfile
import openpyxl
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

URL, TMP, OUT = sys.argv[1:4]
SP = os.environ["SP_BIN"]
S = "收入支出决算总表"
BOOK, ORIG = os.path.join(TMP, "决算.xlsx"), os.path.join(TMP, "original.xlsx")
NEW = 1300.5
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def suanpan_get(path, *cells):
    out = subprocess.run([SP, "get", path] + [f"'{S}'!{c}" for c in cells], check=True, capture_output=True, text=True)
    return [float(x) for x in out.stdout.split()]


# What `suanpan get` gives for the same edit: C13 set by openpyxl, recalculated by suanpan.
edited = os.path.join(TMP, "edited_openpyxl.xlsx")
wb = openpyxl.load_workbook(ORIG)
wb[S]["C13"] = NEW
wb.save(edited)
want_c36, want_c39, f39 = suanpan_get(edited, "C36", "C39", "F39")
orig_c39, = suanpan_get(ORIG, "C39")

profile = tempfile.mkdtemp(prefix="sp-chromium-")
opts = webdriver.ChromeOptions()
opts.binary_location = shutil.which("chromium")
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1500,1200",
          "--lang=zh-CN"]:
    opts.add_argument(a)
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
wait = WebDriverWait(driver, 20)


def cell(r, c):
    return driver.find_element(By.CSS_SELECTOR, f'#grid .c[data-r="{r}"][data-c="{c}"]')


def cell_text(r, c):  # read in one script call: the grid redraws rows while we look
    return driver.execute_script(
        f'const e = document.querySelector(\'#grid .c[data-r="{r}"][data-c="{c}"]\'); return e ? e.textContent : null;')


def number(t):
    return float(t.replace(",", "")) if t else None


def error_rules():
    return driver.execute_script(
        "return [...document.querySelectorAll('#findings li.error')].map((e) => e.dataset.rule);")


try:
    driver.get(URL)
    wait.until(lambda d: cell_text(5, 0) == "一、一般公共预算财政拨款收入")
    driver.save_screenshot(os.path.join(OUT, "01_opened.png"))
    wait.until(lambda d: cell_text(38, 2))
    check(abs(number(cell_text(38, 2)) - orig_c39) < 0.005, f"C39 shows the recalculated total {orig_c39}")
    check(cell(0, 0).value_of_css_property("font-weight") in ("700", "bold"), "the title is bold")
    check(int(cell(0, 0).value_of_css_property("width").rstrip("px")) > 300, "the merged title spans its columns")
    rows_in_dom = {e.get_attribute("data-r") for e in driver.find_elements(By.CSS_SELECTOR, "#grid .c[data-r]")}
    check(len(rows_in_dom) <= 70, f"only visible rows are in the DOM ({len(rows_in_dom)})")
    check("JS01-004" not in error_rules(), "the sample has no JS01-004 error as shipped")

    # Type a figure into 其他收入 (C13) and press Enter, as an accountant would.
    cell(12, 2).click()
    grid = driver.find_element(By.ID, "grid")
    grid.send_keys("1,300.50")
    driver.find_element(By.ID, "editor").send_keys(Keys.ENTER)
    wait.until(lambda d: number(cell_text(38, 2)) is not None and abs(number(cell_text(38, 2)) - want_c39) < 0.005)
    check(abs(number(cell_text(35, 2)) - want_c36) < 0.005, f"本年收入合计 C36 = {want_c36} as `suanpan get` gives")
    check(abs(number(cell_text(38, 2)) - want_c39) < 0.005, f"总计 C39 = {want_c39} as `suanpan get` gives")
    wait.until(lambda d: "JS01-004" in error_rules())
    check(True, "the 审核 panel gains JS01-004 收入总计≠支出总计")
    li = driver.find_element(By.CSS_SELECTOR, '#findings li.error[data-rule="JS01-004"]')
    check("收入总计应等于支出总计" in li.text, "the finding says 收入总计应等于支出总计")
    check("ferr" in cell(38, 2).get_attribute("class"), "the failing cell C39 is marked in the grid")
    active = driver.find_element(By.ID, "addr").text
    check(active.endswith("!C14"), f"Enter moved the selection down ({active})")
    driver.save_screenshot(os.path.join(OUT, "02_edited.png"))

    # Click the finding: the selection jumps to its cell.
    li.click()
    wait.until(lambda d: d.find_element(By.ID, "addr").text.endswith("!C39"))
    check(True, "clicking the finding jumps to C39")

    # Undo removes it; redo brings it back.
    grid.send_keys(Keys.CONTROL, "z")
    wait.until(lambda d: "JS01-004" not in error_rules())
    check(abs(number(cell_text(38, 2)) - orig_c39) < 0.005, "undo restores the total and removes the finding")
    driver.save_screenshot(os.path.join(OUT, "03_undone.png"))
    grid.send_keys(Keys.CONTROL, "y")
    wait.until(lambda d: "JS01-004" in error_rules())
    check(abs(number(cell_text(38, 2)) - want_c39) < 0.005, "redo applies the edit again")

    # Save over the opened file.
    driver.find_element(By.ID, "b-save").click()
    wait.until(lambda d: "已保存" in d.find_element(By.ID, "status").text)
    driver.save_screenshot(os.path.join(OUT, "04_saved.png"))
finally:
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)

# The saved file, read by openpyxl (formula kept, cached values new) and LibreOffice.
wb = openpyxl.load_workbook(BOOK)
check(wb[S]["C13"].value == NEW and wb[S]["C39"].value == "=SUM(C36:C38)", "openpyxl: the input is saved, formulas kept")
wbv = openpyxl.load_workbook(BOOK, data_only=True)
check(abs(wbv[S]["C39"].value - want_c39) < 1e-9 and abs(wbv[S]["C36"].value - want_c36) < 1e-9,
      "openpyxl: the cached totals are the new values")
lo = os.path.join(TMP, "lo")
subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{TMP}/lo-profile", "--convert-to", "csv",
                "--outdir", lo, BOOK], check=True, capture_output=True, timeout=120)
rows = list(csv.reader(open(os.path.join(lo, "决算.csv"), encoding="utf-8", errors="replace")))
check(abs(float(rows[12][2]) - NEW) < 1e-9 and abs(float(rows[38][2]) - want_c39) < 0.005,
      f"LibreOffice reads C13 = {rows[12][2]} and C39 = {rows[38][2]}")
# Untouched parts are byte-identical. Every non-sheet part is the original's; the sheets are
# those `suanpan recalc` writes for the unedited file (the sample's cached values are all
# rewritten on recalculation), except the cells the edit changed.
base = os.path.join(TMP, "recalculated.xlsx")
subprocess.run([SP, "recalc", ORIG, "-o", base, "--lenient"], check=True, capture_output=True)
o, r, b = zipfile.ZipFile(ORIG), zipfile.ZipFile(base), zipfile.ZipFile(BOOK)
check(sorted(o.namelist()) == sorted(b.namelist()), "the saved package has the same parts")
parts = [n for n in o.namelist() if not n.startswith("xl/worksheets/sheet") and n != "xl/workbook.xml"]
check(all(o.read(n) == b.read(n) for n in parts), f"{len(parts)} non-sheet parts are byte-identical to the original")
def cells(xml):
    return {m.group(1): m.group(0) for m in re.finditer(rb'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>.*?</c>)', xml, flags=re.S)}
def skeleton(xml):  # the sheet without its cells: layout, styles, everything else
    return re.sub(rb'<c r="[A-Z]+[0-9]+"[^>]*?(?:/>|>.*?</c>)', b"", xml, flags=re.S)
differ = [n for n in r.namelist() if n.startswith("xl/worksheets/sheet") and r.read(n) != b.read(n)]
check("xl/worksheets/sheet1.xml" in differ, "the edited sheet is rewritten")
for n in differ:
    x1, x2 = r.read(n), b.read(n)
    c1, c2 = cells(x1), cells(x2)
    changed = sorted(k.decode() for k in c1 if c1[k] != c2.get(k))
    formulas_only = all(b"<f" in c1[k.encode()] for k in changed if k != "C13")
    check(skeleton(x1) == skeleton(x2) and c1.keys() == c2.keys() and formulas_only,
          f"{n}: only the edited input and formula cells depending on it changed ({', '.join(changed)})")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
