#!/bin/bash
# The SPEC-style overhead suite end to end (docs/performance.md, "SPEC-style overhead"):
#   fetch (apt-get source) -> build native (clang-19 -O2, native musl) and sandboxed
#   (sfi-clang -O2, sandbox musl) -> generate inputs -> run interleaved, compare outputs.
# usage: bench/spec/suite.sh [runs=3] [bench...]      (bench: bzip2 bunzip2 xz sqlite)
# Work tree: $BUILD/bench-work (BUILD defaults to build-bench). Needs musl-dev (native musl),
# tclsh (sqlite amalgamation), deb-src in apt's sources, and runtime/'s sfi-run.
set -eu
. "$(dirname "$0")/../common.sh"
runs=${1:-3}; shift || true
benches=${*:-bzip2 bunzip2 xz sqlite}
progs=$(for b in $benches; do case $b in bzip2|bunzip2) echo bzip2;; xz|unxz) echo xz;; sqlite) echo sqlite;; esac; done | sort -u)
pkgs=$(for p in $progs; do case $p in xz) echo xz-utils;; sqlite) echo sqlite3;; *) echo $p;; esac; done)
bench_build sfi-clang sfi-as sfi-verify sfi-sysroot sfi-run
W=$BUILD/bench-work; I=$W/inputs; mkdir -p "$W" "$I"
"$BENCH_DIR/spec/fetch.sh" "$BUILD/bench-src" $pkgs
export BENCH_SFI_CC=$BUILD/driver/sfi-clang SFI_VERIFY=$BUILD/verifier/sfi-verify SFI_RUN=$BUILD/runtime/sfi-run
for p in $progs; do
  f=$p; [ $p = sqlite ] && f=speedtest1
  [ -x "$W/native/$f" ] || "$BENCH_DIR/spec/build.sh" "$BUILD/bench-src" "$W/native" native $p
  if [ ! -f "$W/sfi/$f.sfi" ] || [ "$BUILD/rewriter/sfi-as" -nt "$W/sfi/$f.sfi" ] || [ "$BUILD/sysroot/lib/libc.a" -nt "$W/sfi/$f.sfi" ]; then
    "$BENCH_DIR/spec/build.sh" "$BUILD/bench-src" "$W/sfi" sfi $p
  fi
done
# Inputs: deterministic pseudo-text (bench-survey's gentext.py); compressed forms by the NATIVE tools.
[ -f "$I/text32.txt" ] || python3 "$BENCH_DIR/spec/gentext.py" 32 > "$I/text32.txt"
[ -f "$I/text3.txt" ] || head -c 3145728 "$I/text32.txt" > "$I/text3.txt"
[ ! -x "$W/native/bzip2" ] || [ -f "$I/text32.bz2" ] || "$W/native/bzip2" -9 -c "$I/text32.txt" > "$I/text32.bz2"
[ ! -x "$W/native/xz" ] || [ -f "$I/text3.xz" ] || "$W/native/xz" -6 -c "$I/text3.txt" > "$I/text3.xz"
bench_header
echo "# inputs: $(cd "$I" && md5sum text32.txt text3.txt | awk '{printf "%s %s  ", $2, substr($1,1,8)}')"
echo "## bench/spec/run.sh $W/native $W/sfi $I $runs $benches"
"$BENCH_DIR/spec/run.sh" "$W/native" "$W/sfi" "$I" "$runs" $benches
