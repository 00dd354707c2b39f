#!/usr/bin/env bash
# functions.sh — `suanpan functions` lists built-ins (≥ 200) and the shipped plugin functions.
set -euo pipefail
SUANPAN=$1
out=$("$SUANPAN" functions 2>/dev/null)
n=$(printf '%s\n' "$out" | wc -l)
[ "$n" -ge 200 ] || { echo "only $n functions"; exit 1; }
for f in SUM SUMIF VLOOKUP TEXT ROUND NOW 预决算差异率 增长率 占比 执行率 执行率得分 完成率 指标得分; do
  printf '%s\n' "$out" | grep -q "^$f	" || { echo "missing $f"; exit 1; }
done
printf '%s\n' "$out" | grep -q "^NOW	date	volatile" || { echo "NOW should be listed volatile"; exit 1; }
"$SUANPAN" functions --json | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); assert any(x['name']=='预决算差异率' and x['plugin'] for x in d)"
echo "functions ok ($n)"
