#!/bin/bash
# Verifier throughput on one core (docs/performance.md, "Verifier throughput"), on the largest
# code we build: SQLite 3.40.1 (Debian's source, amalgamation) compiled with sfi-clang -O2.
#   1. the object: sfi-clang -O2 -c sqlite3.c -> sqlite3.o; `sfi-verify --object --stats`
#   2. the module: speedtest1.sfi (sqlite3.c + test/speedtest1.c + the sandbox musl), built by
#      bench/spec/build.sh; `sfi-verify --stats`
#   3. bench-verify-bench on both: the library calls (sfi_verify_object / sfi_verify_module on
#      the file, sfi_verify_code on the executable bytes), median of `reps` repetitions.
# Everything runs pinned to CPU 1 (taskset). Sources are fetched with apt-get source (deb-src).
# usage: bench/verify-throughput.sh [reps=21]
set -eu
. "$(dirname "$0")/common.sh"
reps=${1:-21}
bench_build sfi-verify sfi-clang sfi-as sfi-sysroot bench-verify-bench
W=$BUILD/bench-work; mkdir -p "$W"
"$BENCH_DIR/spec/fetch.sh" "$BUILD/bench-src" sqlite3 >/dev/null
T=$(ls -d "$BUILD"/bench-src/sqlite3-*/ | head -n 1)
A=$W/sqlite-amal; mkdir -p "$A"
[ -f "$A/sqlite3.c" ] || (cd "$A" && make -s -f "$T/Makefile.linux-gcc" TOP="$T" BCC="clang-19 -O1 -w" TCC="clang-19 -O1 -w" sqlite3.c >/dev/null)
DEFS="-DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_ENABLE_MEMSYS5"
if [ ! -f "$W/sqlite3.o" ] || [ "$BUILD/driver/sfi-clang" -nt "$W/sqlite3.o" ] || [ "$BUILD/rewriter/sfi-as" -nt "$W/sqlite3.o" ]; then
  "$BUILD/driver/sfi-clang" -O2 $DEFS -I"$A" -c "$A/sqlite3.c" -o "$W/sqlite3.o"
fi
if [ ! -f "$W/sfi/speedtest1.sfi" ] || [ "$BUILD/rewriter/sfi-as" -nt "$W/sfi/speedtest1.sfi" ]; then
  BENCH_SFI_CC=$BUILD/driver/sfi-clang SFI_VERIFY=$BUILD/verifier/sfi-verify \
    "$BENCH_DIR/spec/build.sh" "$BUILD/bench-src" "$W/sfi" sfi sqlite >/dev/null || echo "# speedtest1.sfi: build or verification FAILED"
fi
bench_header
pin=""; command -v taskset >/dev/null && pin="taskset -c 1"
for f in "$W/sqlite3.o" "$W/sfi/speedtest1.sfi"; do
  [ -f "$f" ] || continue
  obj=""; case $f in *.o) obj=--object ;; esac
  echo "## $pin sfi-verify $obj --stats $f   (x3, wall time of the whole process)"
  for i in 1 2 3; do
    s=$(date +%s%N); $pin "$BUILD/verifier/sfi-verify" $obj --stats "$f" | tail -n 1 | sed "s|$W/||"; e=$(date +%s%N)
    echo "#   wall $(( (e - s) / 1000000 )) ms"
  done
  echo "## $pin bench-verify-bench $f $reps"
  $pin "$BUILD/bench/bench-verify-bench" "$f" "$reps"
done
