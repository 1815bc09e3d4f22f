#!/bin/bash
# Instantiation (docs/performance.md, "Instantiation"): sfi_module_open_file (includes
# verification) once per module; then sfi_sandbox_create + sfi_sandbox_load_module + destroy with
# the already opened module, medians; and sfi_sandbox_reset.
# usage: [BUILD=build-dir] bench/run-instantiate.sh [runs=3] [iterations=5001] [open-iterations=201]
# Modules: rt.sfi (no libc), rtlibc.sfi (musl, __sfi_init runs libc init) and, if
# bench/verify-throughput.sh built it, speedtest1.sfi (sqlite, the largest module).
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
bench_build bench-instantiate bench-slotfloor bench-modules
bench_header
pin=""; command -v taskset >/dev/null && pin="taskset -c 1"
mods="$BUILD/bench/rt.sfi"
[ -f "$BUILD/bench/rtlibc.sfi" ] && mods="$mods $BUILD/bench/rtlibc.sfi"
[ -f "$BUILD/bench-work/sfi/speedtest1.sfi" ] && mods="$mods $BUILD/bench-work/sfi/speedtest1.sfi"
# rt.sfi also with the classic slot layout (sfi_options.readonly_data), without the
# system-call layer (noposix: what libsfi alone costs), with slots warm for another module
# (cold) and with new slots (fresh: nothing mapped), followed by the kernel work alone that a
# new slot needs (bench-slotfloor: the floor of "fresh"); rtlibc.sfi also cold and fresh.
for r in $(seq 1 "$runs"); do
  for m in $mods; do
    n=${2:-5001}; case $m in *speedtest1*) n=$(( n / 5 + 1 ));; esac
    variants="-"
    case $m in */rt.sfi) variants="- noposix readonly_data cold fresh";; */rtlibc.sfi) variants="- cold fresh";; esac
    for v in $variants; do
      [ "$v" = - ] && v=""
      echo "## run $r: $pin $BUILD/bench/bench-instantiate $m $n ${3:-201} $v"
      $pin "$BUILD/bench/bench-instantiate" "$m" "$n" "${3:-201}" $v || echo "# FAILED: exit $?"
      if [ "$v" = fresh ] && [ "${m##*/}" = rt.sfi ]; then
        echo "## run $r: $pin $BUILD/bench/bench-slotfloor $m $n"
        $pin "$BUILD/bench/bench-slotfloor" "$m" "$n" || echo "# FAILED: exit $?"
      fi
    done
  done
done
