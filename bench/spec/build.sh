#!/bin/bash
# usage: bench/spec/build.sh SRCDIR OUTDIR native|sfi [bench...]
#
# Builds each benchmark program as ONE executable with -O2, no configure step (adapted from
# /work/shared/bench-survey/build.sh):
#   native  clang-19 -O2, static, against Debian's NATIVE musl (package musl-dev: headers in
#           /usr/include/x86_64-linux-musl, libc.a in /usr/lib/x86_64-linux-musl) -> OUTDIR/<prog>
#   sfi     sfi-clang -O2 (the sandbox sysroot: the same musl version built with sfi-clang)
#           -> OUTDIR/<prog>.sfi, a sandbox module (program), verified here with sfi-verify
# Both use the same libc (musl 1.2.3) and the same compiler (clang 19), so the ratio measures
# the sandbox. BENCH_SFI_CC (sfi-clang; not SFI_CLANG, which sfi-clang itself reads) / SFI_VERIFY select the tools (default: the build-bench tree).
# Benchmarks: bzip2 xz sqlite (speedtest1). SRCDIR is filled by bench/spec/fetch.sh.
set -eu
S=$(realpath "$1"); O=$(mkdir -p "$2" && realpath "$2"); MODE=$3; shift 3
HERE=$(dirname "$(realpath "$0")"); CFG=$HERE/cfg
ROOT=$(realpath "$HERE/../..")
BENCH_SFI_CC=${BENCH_SFI_CC:-$ROOT/build-bench/driver/sfi-clang}
SFI_VERIFY=${SFI_VERIFY:-$ROOT/build-bench/verifier/sfi-verify}
CLANG=${CLANG:-/usr/lib/llvm-19/bin/clang}
case $MODE in
native)
  [ -f /usr/lib/x86_64-linux-musl/libc.a ] || { echo "native musl missing: apt-get install musl-dev" >&2; exit 1; }
  MS=$O/musl-sysroot; mkdir -p $MS/usr
  ln -sfn /usr/include/x86_64-linux-musl $MS/usr/include
  ln -sfn /usr/lib/x86_64-linux-musl $MS/usr/lib
  CC="$CLANG --target=x86_64-linux-musl --sysroot=$MS -static -fuse-ld=lld -rtlib=compiler-rt -unwindlib=none"
  EXT="" ;;
sfi)
  CC="$BENCH_SFI_CC"; EXT=".sfi" ;;
*) echo "mode must be native or sfi" >&2; exit 2 ;;
esac
CC="$CC ${EXTRA_CFLAGS:-}"
HOSTCC="$CLANG -O1 -w"
O2="-O2"
d() { ls -d "$S"/$1 | head -n 1; }            # resolve the unpacked dir (version-agnostic)
check() { if [ "$MODE" = sfi ]; then "$SFI_VERIFY" "$1"; fi; }
for b in ${@:-bzip2 xz sqlite}; do echo "== $b ($MODE)"; case $b in
bzip2) cd "$(d 'bzip2-*/')"
  $CC $O2 -D_FILE_OFFSET_BITS=64 blocksort.c huffman.c crctable.c randtable.c compress.c decompress.c bzlib.c bzip2.c -o $O/bzip2$EXT
  check $O/bzip2$EXT ;;
xz) cd "$(d 'xz-utils-*/')/src"; L=liblzma
  SRC="$(ls $L/common/*.c | grep -vE '_mt\.c|outqueue|hardware_cputhreads') $L/check/check.c $L/check/crc32_fast.c $L/check/crc32_table.c $L/check/crc64_fast.c $L/check/crc64_table.c $L/check/sha256.c $L/lz/*.c $(ls $L/lzma/*.c | grep -v tablegen) $L/rangecoder/price_table.c $L/delta/*.c $L/simple/simple_coder.c $L/simple/simple_encoder.c $L/simple/simple_decoder.c $L/simple/x86.c common/tuklib_*.c xz/*.c"
  $CC $O2 -D_GNU_SOURCE -DHAVE_CONFIG_H -I$CFG/xz -Icommon -I$L/api -I$L/common -I$L/check -I$L/lz -I$L/rangecoder -I$L/lzma -I$L/delta -I$L/simple $SRC -o $O/xz$EXT
  check $O/xz$EXT ;;
sqlite) T=$(d 'sqlite3-*/'); A=$O/../sqlite-amal; mkdir -p $A; A=$(realpath $A); cd $A
  [ -f sqlite3.c ] || make -s -f $T/Makefile.linux-gcc TOP=$T BCC="$HOSTCC" TCC="$HOSTCC" sqlite3.c >/dev/null
  $CC $O2 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_ENABLE_MEMSYS5 -I. $T/test/speedtest1.c sqlite3.c -o $O/speedtest1$EXT -lm
  check $O/speedtest1$EXT ;;
*) echo "unknown benchmark $b"; exit 1;;
esac; done
