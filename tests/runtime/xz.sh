#!/bin/sh
# A second real Debian program: xz-utils 5.4 (liblzma + the xz tool, no threads), from
# `apt-get source xz-utils`, built with sfi-clang using the hand config.h the benchmark suite
# uses (bench/spec/cfg/xz, from the bench survey). Compresses identically to a native build of
# the same sources and round trips; file mode exercises open/fstat/fchmod/utimensat/unlink, and
# xz's pipe() and fcntl(F_SETFL) on the host's stdin/stdout (refused: it copes).
# usage: xz.sh SFI_CLANG SFI_RUN WORK   (exit 77 = skipped: no source available)
set -eu
. "$(dirname "$0")/debian-program.sh"
fetch_source xz-utils
s=$src/src
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
pseudo_text 7 300000 11 >d/in.txt
check_compressor xz -6 xz
