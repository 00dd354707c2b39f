#!/usr/bin/env bash
# smoke.sh — the CTest run of one fuzz target: every input of its committed corpus (regressions
# included) and of the seed corpus built from the repository, then SECONDS of new inputs.
# Args: FUZZER_BINARY TARGET SHARED_DIR [SECONDS]. Fails on any crash, leak, timeout or UB report.
set -euo pipefail
bin=$1 target=$2 shared=$3 seconds=${4:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-smoke-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/new" "$work/seeds"
/usr/bin/python3 "$here/seed_corpus.py" "$target" "$work/seeds" "$shared" >/dev/null
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
opts=(-timeout=25 -rss_limit_mb=2560 -malloc_limit_mb=2048 -max_len=65536 -artifact_prefix="$work/")
dict="$here/$target.dict"; [ -f "$dict" ] && opts+=(-dict="$dict")
status=0
# 1. Every committed and seed input once (the regression pass).
"$bin" "${opts[@]}" -runs=0 "$here/corpus/$target" "$work/seeds" >"$work/log" 2>&1 || status=$?
if [ $status -eq 0 ]; then
  # 2. New inputs for a while, starting from the same corpora.
  "$bin" "${opts[@]}" -max_total_time="$seconds" -print_final_stats=1 "$work/new" "$here/corpus/$target" \
    "$work/seeds" >"$work/log" 2>&1 || status=$?
fi
tail -n 12 "$work/log"
if [ $status -ne 0 ]; then
  grep -n -m 20 -E "ERROR|SUMMARY|runtime error|Test unit written" "$work/log" || true
  for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [ -f "$a" ] && { echo "input $(basename "$a") (base64):"; base64 -w0 "$a" | head -c 4000; echo; }
  done
  echo "fuzz_$target: FAILED (exit $status)"
  exit 1
fi
echo "fuzz_$target: ok"
