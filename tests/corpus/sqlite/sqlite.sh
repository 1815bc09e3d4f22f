#!/bin/sh
# sqlite.sh WORK SFI_CLANG SFI_VERIFY [SFI_CAPCHECK [SFI_RUN]]
#
# Fetches Debian's sqlite3 source into WORK (once), builds the amalgamation (needs
# tclsh: package tcl), compiles sqlite3.c with sfi-clang -O2 -c and checks the object
# with sfi-verify --object and sfi-capcheck. With SFI_RUN (and a sandbox sysroot) it
# also links shell.c + sqlite3.c into a module and runs workload.sql under sfi-run,
# comparing the output with a native build. Prints compile time and object size.
set -eu
W=$1 SFI_CLANG=$2 SFI_VERIFY=$3 SFI_CAPCHECK=${4:-} SFI_RUN=${5:-}
HERE=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-clang-19}
DEFS="-DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION"
mkdir -p "$W" && cd "$W"

if [ ! -f fetch.stamp ]; then
	for t in tclsh make; do
		command -v $t >/dev/null || { echo "sqlite.sh: $t not found (apt install tcl make)"; exit 77; }
	done
	rm -rf src && mkdir src
	# No network or no deb-src: skipped (exit 77, ctest SKIP_RETURN_CODE), not failed.
	(cd src && apt-get source -q sqlite3) >fetch.log 2>&1 || { cat fetch.log; exit 77; }
	touch fetch.stamp
fi
T=$(ls -d "$W"/src/sqlite3-*/ | head -n 1)
if [ ! -f amal/sqlite3.c ] || [ ! -f amal/shell.c ]; then
	mkdir -p amal
	(cd amal && make -s -f "$T/Makefile.linux-gcc" TOP="$T" BCC="$CC -O1 -w" TCC="$CC -O1 -w" \
		sqlite3.c shell.c) >amal.log 2>&1 || { tail -20 amal.log; exit 1; }
fi

t0=$(date +%s.%N)
"$SFI_CLANG" -O2 -c $DEFS amal/sqlite3.c -o sqlite3.o
t1=$(date +%s.%N)
echo "sqlite3.o: sfi-clang -O2 -c took $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s; $(stat -c %s sqlite3.o) bytes"
size sqlite3.o 2>/dev/null || true
"$SFI_VERIFY" --object --stats sqlite3.o
[ -z "$SFI_CAPCHECK" ] || "$SFI_CAPCHECK" sqlite3.o
echo "sqlite3.o: verified"

[ -n "$SFI_RUN" ] || exit 0
# The run: the sqlite3 shell on a scripted workload, native vs sandboxed.
"$CC" -O2 $DEFS amal/shell.c amal/sqlite3.c -o sqlite3.native -lm
"$SFI_CLANG" -O2 $DEFS amal/shell.c sqlite3.o -o sqlite3.sfi -lm
HOME=/nonexistent ./sqlite3.native :memory: <"$HERE/workload.sql" >native.out 2>&1
"$SFI_RUN" --env HOME=/nonexistent --timeout 300 sqlite3.sfi :memory: <"$HERE/workload.sql" >sfi.out 2>&1
if ! cmp -s native.out sfi.out; then
	echo "sqlite3 shell: outputs differ (diff $W/native.out $W/sfi.out)"
	diff native.out sfi.out | head -20
	exit 1
fi
echo "sqlite3 shell: sandboxed output identical to native ($(wc -l <sfi.out) lines)"
