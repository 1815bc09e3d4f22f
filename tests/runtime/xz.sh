#!/bin/sh
# A second real Debian program: xz-utils 5.4 (liblzma + the xz tool, no threads), from
# `apt-get source xz-utils`, built with sfi-clang using the hand config.h the benchmark suite
# uses (bench/spec/cfg/xz, from the bench survey). Compresses identically to a native build of the same sources and round
# trips; file mode exercises open/fstat/fchmod/utimensat/unlink, and xz's pipe() and
# fcntl(F_SETFL) on the host's stdin/stdout (refused: it copes).
# usage: xz.sh SFI_CLANG SFI_RUN WORK   (exit 77 = skipped: no source available)
set -eu
cc=$1 run=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cd "$work"
if [ ! -d src ] || [ ! -f src/.fetched ]; then
	rm -rf src && mkdir src
	(cd src && apt-get source xz-utils >fetch.log 2>&1) || { echo "apt-get source xz-utils failed: skipped"; exit 77; }
	touch src/.fetched
fi
s=$(cd "$(ls -d src/xz-utils-*/ | head -n 1)src" && pwd)
L=liblzma
build() { # build CC OUT
	(cd "$s" && $1 -O2 -w -D_GNU_SOURCE -DHAVE_CONFIG_H -I"$here/../../bench/spec/cfg/xz" -Icommon -I$L/api \
		-I$L/common -I$L/check -I$L/lz -I$L/rangecoder -I$L/lzma -I$L/delta -I$L/simple \
		$(ls $L/common/*.c | grep -vE '_mt\.c|outqueue|hardware_cputhreads') \
		$L/check/check.c $L/check/crc32_fast.c $L/check/crc32_table.c $L/check/crc64_fast.c \
		$L/check/crc64_table.c $L/check/sha256.c $L/lz/*.c $(ls $L/lzma/*.c | grep -v tablegen) \
		$L/rangecoder/price_table.c $L/delta/*.c $L/simple/simple_coder.c \
		$L/simple/simple_encoder.c $L/simple/simple_decoder.c $L/simple/x86.c \
		common/tuklib_*.c xz/*.c -o "$2")
}
build "$cc" "$work/xz.sfi"
build clang-19 "$work/xz.native"

rm -rf d && mkdir d
awk 'BEGIN { split("alpha beta gamma delta sandbox fault isolation musl kernel page", w, " ");
             s = 7; for (i = 0; i < 300000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
             printf "%s%s", w[int(s / 65536) % 10 + 1], (i % 11 == 10) ? "\n" : " " } }' > d/in.txt
./xz.native -6 -c d/in.txt > native.xz
"$run" xz.sfi -6 -c < d/in.txt > sfi.xz
cmp native.xz sfi.xz
"$run" xz.sfi -d -c < sfi.xz | cmp - d/in.txt
cp d/in.txt d/copy.txt
"$run" --dir "$work/d:/data" xz.sfi -6 /data/copy.txt
test ! -e d/copy.txt
cmp d/copy.txt.xz native.xz
"$run" --dir "$work/d:/data" xz.sfi -d /data/copy.txt.xz
cmp d/copy.txt d/in.txt
echo "xz: identical to the native build, round trips ok"
