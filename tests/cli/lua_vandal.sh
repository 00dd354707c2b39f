#!/usr/bin/env bash
# lua_vandal.sh — a batch of the shipped samples gives the same findings with a vandal plugin
# loaded (tests/lua/vandal: it tries to change suanpan, string, math, _G … at load time and in
# every call of its check) as without it: one plugin cannot break the others (lockdown.h).
# Args: $1 = suanpan binary, $2 = shared dir.
set -euo pipefail
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
samples="$root/workbooks/samples"
"$bin" batch "$samples" --out "$work/plain" -q -j 2 || true
"$bin" --plugins "$root/tests/lua/vandal" batch "$samples" --out "$work/vandal" -q -j 2 2>"$work/vandal.err" || true
# The vandal loads (its load-time attempts are refused, not fatal) and nothing else complains.
if [ -s "$work/vandal.err" ]; then echo "lua_vandal: stderr with the vandal loaded:"; cat "$work/vandal.err"; exit 1; fi
# The vandal's own check passes (no finding) and is listed among the rules; everything else is equal.
/usr/bin/python3 - "$work/plain/report.json" "$work/vandal/report.json" <<'PY'
import json, sys
def findings(path):
    d = json.load(open(path, encoding="utf-8"))
    out = {}
    for w in d["workbooks"]:
        fs = sorted(json.dumps({k: v for k, v in f.items()}, ensure_ascii=False, sort_keys=True) for f in w["findings"])
        out[w["path"].split("/")[-1]] = (w["status"], fs)
    return out
a, b = findings(sys.argv[1]), findings(sys.argv[2])
assert a, "no workbooks in the plain batch"
assert sum(len(fs) for _, fs in a.values()) > 10, "the plain batch found too little to compare"
for name in a:
    assert name in b, f"{name} missing from the vandal batch"
    if a[name] != b[name]:
        print(f"lua_vandal: {name} differs with the vandal plugin loaded:\n  {a[name]}\n  {b[name]}")
        sys.exit(1)
vandal_findings = [f for _, fs in b.values() for f in fs if "VANDAL" in f]
assert not vandal_findings, vandal_findings
print(f"lua_vandal: {len(a)} workbooks, {sum(len(fs) for _, fs in a.values())} findings, identical with the vandal loaded")
PY
# And the vandal really ran: its function refuses everything (0 changes got through).
out=$("$bin" --plugins "$root/tests/lua/vandal" eval "$samples/000_部门决算公开.xlsx" '=破坏()' 2>&1)
[ "$out" = "0" ] || { echo "lua_vandal: 破坏() gave '$out', expected 0"; exit 1; }
echo "lua_vandal: ok"
