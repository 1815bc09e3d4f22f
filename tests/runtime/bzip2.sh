#!/bin/sh
# A real Debian program in the sandbox: bzip2 1.0.8 from `apt-get source bzip2`, built with
# sfi-clang and natively with clang-19 (as /work/shared/bench-survey/build.sh does), must
# compress to identical bytes and round-trip, through stdin/stdout and in file mode (which
# uses open/stat/fchmod/fchown/utimensat/unlink in a granted directory).
# usage: bzip2.sh SFI_CLANG SFI_RUN WORK   (exit 77 = skipped: no source available)
set -eu
cc=$1 run=$2 work=$3
mkdir -p "$work"
cd "$work"
if [ ! -d src ] || [ ! -f src/.fetched ]; then
	rm -rf src && mkdir src
	(cd src && apt-get source bzip2 >fetch.log 2>&1) || { echo "apt-get source bzip2 failed: skipped"; exit 77; }
	touch src/.fetched
fi
s=$(ls -d src/bzip2-*/ | head -n 1)
files="blocksort.c huffman.c crctable.c randtable.c compress.c decompress.c bzlib.c bzip2.c"
(cd "$s" && "$cc" -O2 -D_FILE_OFFSET_BITS=64 $files -o "$work/bzip2.sfi")
(cd "$s" && clang-19 -O2 -w -D_FILE_OFFSET_BITS=64 $files -o "$work/bzip2.native")

rm -rf d && mkdir d
# Deterministic pseudo-text, ~3 MB.
awk 'BEGIN { split("alpha beta gamma delta sandbox fault isolation musl kernel page", w, " ");
             s = 1; for (i = 0; i < 500000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
             printf "%s%s", w[int(s / 65536) % 10 + 1], (i % 13 == 12) ? "\n" : " " } }' > d/in.txt

./bzip2.native -9 -c d/in.txt > native.bz2
"$run" bzip2.sfi -9 -c < d/in.txt > sfi.bz2
cmp native.bz2 sfi.bz2
"$run" bzip2.sfi -d -c < sfi.bz2 | cmp - d/in.txt

cp d/in.txt d/copy.txt
"$run" --dir "$work/d:/data" bzip2.sfi -9 /data/copy.txt
test ! -e d/copy.txt
cmp d/copy.txt.bz2 native.bz2
"$run" --dir "$work/d:/data" bzip2.sfi -d /data/copy.txt.bz2
cmp d/copy.txt d/in.txt
echo "bzip2: identical to the native build, round trips ok"
