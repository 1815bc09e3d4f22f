#!/bin/sh
# csmith.sh WORK SFI_CLANG SFI_VERIFY SFI_CAPCHECK SFI_RUN
#
# Differential test with random programs: for each seed, csmith (Debian packages
# csmith, libcsmith-dev) writes a C program that prints a checksum of its globals.
# It is built natively with clang and as a sandbox module with sfi-clang at each
# level; the module must pass sfi-verify and sfi-capcheck (module mode) and print
# the same checksum under sfi-run. Programs whose native build runs longer than
# 5 s (csmith can generate near-infinite loops) or fails are skipped.
# Environment: CSMITH_SEEDS (default "1 2 ... 24"), CSMITH_OPTS (default "O0 O2 Os"),
# CSMITH_CFLAGS (extra flags for both builds, e.g. "-mavx2 -mfma"), CC (native compiler,
# default clang-19).
set -u
W=$1 SFI_CLANG=$2 SFI_VERIFY=$3 SFI_CAPCHECK=$4 SFI_RUN=$5
CC=${CC:-clang-19}
SEEDS=${CSMITH_SEEDS:-$(seq 1 24)}
OPTS=${CSMITH_OPTS:-O0 O2 Os}
XF=${CSMITH_CFLAGS:-}
INC=/usr/include/csmith
[ -f "$INC/csmith.h" ] || { echo "csmith.sh: $INC/csmith.h missing (apt install libcsmith-dev)"; exit 1; }
mkdir -p "$W" && cd "$W" || exit 1
pass=0 skip=0 fail=0
for s in $SEEDS; do
	src=seed$s.c
	[ -s "$src" ] || csmith --seed "$s" >"$src" || { echo "seed $s: csmith failed"; exit 1; }
	for o in $OPTS; do
		b=seed$s.$o
		if ! "$CC" -$o $XF -w -I"$INC" "$src" -o "$b.native" 2>"$b.log" ||
		   ! timeout 5 "./$b.native" >"$b.native.out" 2>>"$b.log"; then
			skip=$((skip + 1))
			continue
		fi
		why=""
		if ! "$SFI_CLANG" -$o $XF -w -I"$INC" "$src" -o "$b.sfi" >>"$b.log" 2>&1; then
			why="sfi-clang failed"
		elif ! "$SFI_VERIFY" "$b.sfi" >>"$b.log" 2>&1; then
			why="sfi-verify rejected the module"
		elif [ -n "$SFI_CAPCHECK" ] && ! "$SFI_CAPCHECK" "$b.sfi" >>"$b.log" 2>&1; then
			why="sfi-capcheck rejected the module"
		elif ! "$SFI_RUN" --timeout 60 "$b.sfi" >"$b.sfi.out" 2>>"$b.log"; then
			why="sfi-run failed"
		elif ! cmp -s "$b.native.out" "$b.sfi.out"; then
			why="output differs: $(cat "$b.native.out") vs $(cat "$b.sfi.out")"
		fi
		if [ -n "$why" ]; then
			echo "FAIL seed $s -$o: $why (see $W/$b.log)"
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
			rm -f "$b.native" "$b.sfi"
		fi
	done
done
echo "csmith: $pass passed, $fail failed, $skip skipped (native build failed or ran > 5 s)"
[ "$fail" -eq 0 ]
