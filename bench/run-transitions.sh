#!/bin/bash
# Transition costs (docs/performance.md, "Transitions"): host->sandbox->host round trip of an
# empty export through the generic API (sfi_call) and the lean one (sfi_call_i64, unbound and
# bound to the thread), callback and syscall-gate round trips, against a plain host indirect call.
# usage: bench/run-transitions.sh [runs=3] [samples=2001] [batch=1000]
# Runs bench-roundtrip `runs` times (each prints medians over `samples` batches), pinned to
# CPU 1 when taskset exists; then bench-seqcost: the trampolines' FP-state sequences alone.
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
bench_build bench-roundtrip bench-seqcost bench-modules
bench_header
pin=""; command -v taskset >/dev/null && pin="taskset -c 1"
for r in $(seq 1 "$runs"); do
  echo "## run $r: $pin $BUILD/bench/bench-roundtrip $BUILD/bench/rt.sfi ${2:-2001} ${3:-1000}"
  $pin "$BUILD/bench/bench-roundtrip" "$BUILD/bench/rt.sfi" "${2:-2001}" "${3:-1000}"
done
echo "## $pin $BUILD/bench/bench-seqcost   (the trampolines' FP-state sequences alone)"
$pin "$BUILD/bench/bench-seqcost"
