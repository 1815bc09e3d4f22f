# Shared part of the tests that build a real Debian program with sfi-clang and compare it with
# a native build of the same sources (bzip2.sh, xz.sh, lua.sh). Sourced, not run: the caller
# has `set -eu` and its arguments SFI_CLANG SFI_RUN WORK; this sets cc, run, work and here
# (tests/runtime) and enters WORK.

cc=$1 run=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cd "$work"

# fetch_source PKG: `apt-get source PKG` into WORK/src once (the unpacked tree is kept between
# runs); sets src to the unpacked directory. No source (no network, no deb-src) skips the
# test: exit 77, ctest's SKIP_RETURN_CODE.
fetch_source() {
	if [ ! -d src ] || [ ! -f src/.fetched ]; then
		rm -rf src && mkdir src
		(cd src && apt-get source "$1" >fetch.log 2>&1) || { echo "apt-get source $1 failed: skipped"; exit 77; }
		touch src/.fetched
	fi
	src=$(cd "$(ls -d src/"$1"-*/ | head -n 1)" && pwd)
}

# pseudo_text SEED WORDS LINE: deterministic text of WORDS words, a newline after every
# LINE-th, from a fixed linear congruential generator (the same bytes on every machine).
pseudo_text() {
	awk -v seed="$1" -v n="$2" -v line="$3" 'BEGIN {
		split("alpha beta gamma delta sandbox fault isolation musl kernel page", w, " ");
		s = seed; for (i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2147483648;
		printf "%s%s", w[int(s / 65536) % 10 + 1], (i % line == line - 1) ? "\n" : " " } }'
}

# check_compressor NAME LEVEL EXT: WORK/NAME.native and WORK/NAME.sfi compress d/in.txt at
# LEVEL to identical bytes through stdout, the sandboxed one round trips through a pipe, and
# in file mode (open/stat/fchmod/utimensat/unlink in a granted directory) replaces a copy with
# the same compressed file and back.
check_compressor() {
	"./$1.native" "$2" -c d/in.txt >"native.$3"
	"$run" "$1.sfi" "$2" -c <d/in.txt >"sfi.$3"
	cmp "native.$3" "sfi.$3"
	"$run" "$1.sfi" -d -c <"sfi.$3" | cmp - d/in.txt
	cp d/in.txt d/copy.txt
	"$run" --dir "$work/d:/data" "$1.sfi" "$2" /data/copy.txt
	test ! -e d/copy.txt
	cmp "d/copy.txt.$3" "native.$3"
	"$run" --dir "$work/d:/data" "$1.sfi" -d "/data/copy.txt.$3"
	cmp d/copy.txt d/in.txt
	echo "$1: identical to the native build, round trips ok"
}

# native_musl_cc: a clang-19 command line (printed) that builds a static executable against
# Debian's native musl (musl-dev), the same musl version as the sandbox sysroot, so a program's
# output can be compared with the sandboxed build's to the last bit of libc formatting and libm
# (as bench/spec/build.sh's native mode). The sysroot is two symlinks in WORK/musl-sysroot.
native_musl_cc() {
	[ -f /usr/lib/x86_64-linux-musl/libc.a ] || { echo "native musl missing: apt-get install musl-dev (scripts/install-deps.sh)" >&2; exit 1; }
	mkdir -p "$work/musl-sysroot/usr"
	ln -sfn /usr/include/x86_64-linux-musl "$work/musl-sysroot/usr/include"
	ln -sfn /usr/lib/x86_64-linux-musl "$work/musl-sysroot/usr/lib"
	echo "clang-19 --target=x86_64-linux-musl --sysroot=$work/musl-sysroot -static -fuse-ld=lld -rtlib=compiler-rt -unwindlib=none"
}
