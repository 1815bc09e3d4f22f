#!/bin/bash
# Max live sandboxes in one process (docs/performance.md, "Max live sandboxes"): create + load
# rt.sfi until failure or the cap; prints the count, the failure, vm.max_map_count and the
# mappings per sandbox; first with the default (compact) slot layout, then with
# sfi_options.readonly_data (classic layout). Changes no system setting.
# usage: bench/run-maxsandboxes.sh [cap=20000]
set -eu
. "$(dirname "$0")/common.sh"
bench_build bench-maxsandboxes bench-modules
bench_header
echo "# ulimit -v $(ulimit -v); vm.overcommit_memory $(cat /proc/sys/vm/overcommit_memory); MemTotal $(awk '/MemTotal/{print $2" "$3}' /proc/meminfo)"
for variant in "" readonly_data; do
  echo "## $BUILD/bench/bench-maxsandboxes $BUILD/bench/rt.sfi ${1:-20000} $variant"
  "$BUILD/bench/bench-maxsandboxes" "$BUILD/bench/rt.sfi" "${1:-20000}" $variant || echo "# FAILED: exit $?"
done
