#!/usr/bin/env bash
# udf_modes.sh — `suanpan recalc --udf keep|excel|freeze`, opened by LibreOffice with
# recalculation on load forced: keep shows #NAME? (LibreOffice does not know the plugin
# function), excel shows the value computed by the plugin's Excel form, freeze the value.
set -euo pipefail
SUANPAN=$1
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$PY - "$work/in.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "表"
ws["A1"] = 715.52; ws["B1"] = 640.13
ws["C1"] = "=预决算差异率(A1,B1)"
ws["D1"] = "=ROUND(C1*100,2)"
wb.save(sys.argv[1])
PYEOF
for mode in keep excel freeze; do
  "$SUANPAN" recalc "$work/in.xlsx" -o "$work/$mode.xlsx" --udf $mode >/dev/null
done
# Our own cached values first: the plugin computed (640.13-715.52)/715.52.
"$SUANPAN" get "$work/keep.xlsx" '表!D1' | grep -q -- '-10.54' || { echo "cached value wrong"; exit 1; }
# LibreOffice, with a private profile that always recalculates xlsx on load.
profile="$work/profile"
mkdir -p "$profile/user"
cat > "$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
for mode in keep excel freeze; do
  (cd "$work" && timeout 120 soffice -env:UserInstallation=file://$profile --headless --convert-to csv "$mode.xlsx" >/dev/null 2>&1)
done
keep=$(head -1 "$work/keep.csv"); excel=$(head -1 "$work/excel.csv"); freeze=$(head -1 "$work/freeze.csv")
echo "keep:   $keep"; echo "excel:  $excel"; echo "freeze: $freeze"
[[ "$keep" == *"#NAME?"* ]] || { echo "keep mode: LibreOffice should show #NAME? after recalculating"; exit 1; }
[[ "$excel" == *"-10.54"* ]] || { echo "excel mode: LibreOffice should compute -10.54"; exit 1; }
[[ "$freeze" == *"-10.54"* && "$freeze" != *"#NAME?"* ]] || { echo "freeze mode: value expected"; exit 1; }
# freeze leaves no formula in C1; excel mode writes the Excel form.
$PY - "$work" <<'PYEOF'
import sys, openpyxl
w = sys.argv[1]
f = openpyxl.load_workbook(w + "/freeze.xlsx")["表"]["C1"].value
e = openpyxl.load_workbook(w + "/excel.xlsx")["表"]["C1"].value
assert not (isinstance(f, str) and f.startswith("=")), f
assert isinstance(e, str) and e.startswith("=") and "预决算差异率" not in e, e
PYEOF
echo "udf modes ok"
