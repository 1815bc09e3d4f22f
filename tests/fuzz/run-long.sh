#!/bin/sh
# Long fuzzing run of the verifier (README.md); not part of ctest.
#
#   tests/fuzz/run-long.sh [BUILD_DIR] [HOURS] [JOBS]      defaults: build-fuzz 4 1
#
# Keeps its corpus in BUILD_DIR/tests/fuzz/long/corpus across runs (so each run starts where
# the last one stopped), crashes in BUILD_DIR/tests/fuzz/long/. Known open verifier bugs
# (known.c) are skipped so that only new findings stop the run. A crash
# found here: minimise it (the command is printed at the end), save it in
# tests/fuzz/regressions/ and report it as a verifier bug.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build-fuzz}
hours=${2:-4}
jobs=${3:-1}
fuzzer=$build/tests/fuzz/fuzz_verify
[ -x "$fuzzer" ] || { echo "run-long.sh: build fuzz_verify first (cmake --build $build --target fuzz_verify)" >&2; exit 2; }
work=$build/tests/fuzz/long
mkdir -p "$work/corpus"
cd "$work" # -jobs writes fuzz-<n>.log into the current directory
seconds=$(awk "BEGIN { printf \"%d\", $hours * 3600 }")
export FUZZ_VERIFY_IGNORE_KNOWN=1
echo "fuzzing for $hours h with $jobs job(s); corpus $work/corpus; log $work/fuzz-main.log (and fuzz-<n>.log per job)"
status=0
# -max_len: room for small modules beyond the largest seed; -use_value_profile helps with
# the many compares against fixed opcode and register values.
# One job runs in this process; more use libFuzzer's -jobs, one fuzz-<n>.log each.
parallel=""
[ "$jobs" -gt 1 ] && parallel="-jobs=$jobs -workers=$jobs"
# shellcheck disable=SC2086
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -use_value_profile=1 -dict="$here/fuzz_verify.dict" -artifact_prefix="$work/" \
    -print_final_stats=1 $parallel \
    "$work/corpus" "$here/seeds" > "$work/fuzz-main.log" 2>&1 || status=$?
for log in "$work"/fuzz-*.log; do
    echo "== $log"
    grep -E '^(stat::|Done|SUMMARY|==[0-9]+==ERROR|fuzz_verify:)' "$log" | tail -n 12
done
for c in "$work"/crash-* "$work"/timeout-* "$work"/leak-* "$work"/oom-*; do
    [ -e "$c" ] || continue
    echo "finding: $c"
    echo "  minimise: $fuzzer -minimize_crash=1 -runs=100000 -exact_artifact_path=$c.min $c"
    status=1
done
exit $status
