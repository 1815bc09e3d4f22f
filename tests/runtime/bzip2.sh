#!/bin/sh
# A real Debian program in the sandbox: bzip2 1.0.8 from `apt-get source bzip2`, built with
# sfi-clang and natively with clang-19 (as /work/shared/bench-survey/build.sh does), must
# compress to identical bytes and round-trip, through stdin/stdout and in file mode (which
# uses open/stat/fchmod/fchown/utimensat/unlink in a granted directory).
# usage: bzip2.sh SFI_CLANG SFI_RUN WORK   (exit 77 = skipped: no source available)
set -eu
. "$(dirname "$0")/debian-program.sh"
fetch_source bzip2
files="blocksort.c huffman.c crctable.c randtable.c compress.c decompress.c bzlib.c bzip2.c"
(cd "$src" && "$cc" -O2 -D_FILE_OFFSET_BITS=64 $files -o "$work/bzip2.sfi")
(cd "$src" && clang-19 -O2 -w -D_FILE_OFFSET_BITS=64 $files -o "$work/bzip2.native")

rm -rf d && mkdir d
pseudo_text 1 500000 13 >d/in.txt # ~3 MB
check_compressor bzip2 -9 bz2
