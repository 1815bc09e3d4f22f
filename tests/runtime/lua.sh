#!/bin/sh
# Debian's lua 5.4 (`apt-get source lua5.4`): the standalone interpreter and its library built
# from their own sources with sfi-clang -O2 (so luaV_execute dispatches with computed gotos,
# LUA_USE_JUMPTABLE, and nothing works around indirect-jump bugs) and natively against
# Debian's musl. Both run the scripts in tests/runtime/lua (patterns, tables, closures,
# coroutines, float formatting, errors, goto, integer/float arithmetic, files, stdin, require,
# binary chunks, a workload) and `lua -`/`-e`/`-v`; stdout, stderr and the exit status must be
# byte-for-byte the same, and each native run must show it did its work (a line it prints).
# usage: lua.sh SFI_CLANG SFI_RUN WORK   (exit 77 = skipped: no source available)
set -eu
. "$(dirname "$0")/debian-program.sh"
fetch_source lua5.4
# Debian's luaconf.h includes a header that debian/rules generates.
mkdir -p inc
echo '#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"' >inc/lua5.4-deb-multiarch.h
files=$(cd "$src/src" && ls *.c | grep -v '^luac\.c$')
flags="-O2 -DLUA_COMPAT_5_3 -DLUA_USE_POSIX -I$work/inc"
(cd "$src/src" && "$cc" $flags $files -o "$work/lua.sfi")
(cd "$src/src" && $(native_musl_cc) $flags $files -o "$work/lua.native")

# Each build runs in its own copy of the scripts (io.lua writes and removes files there).
rm -rf native sandbox out && mkdir out
cp -R "$here/lua" native
cp -R "$here/lua" sandbox
failed=0
# capture OUT IN CMD...: CMD's stdout, a line with its exit status, then its stderr with the
# interpreter's path in messages replaced by "lua", into OUT.
capture() {
	o=$1 i=$2 st=0
	shift 2
	"$@" <"$i" >"$o" 2>"$o.err" || st=$?
	printf '\nexit %s\n' $st >>"$o" # the output may not end in a newline
	sed "s|^$work/lua\.[a-z]*:|lua:|" "$o.err" >>"$o"
}
# compare NAME STDIN STATUS MARKER LUA-ARGS...: both builds, the same output and status; the
# native one exits with STATUS and prints MARKER (so two identical failures cannot pass).
compare() {
	name=$1 in=$2 status=$3 marker=$4
	shift 4
	capture "out/$name.native" "$in" env -i -C native SFI_LUA_TEST=yes "$work/lua.native" "$@"
	capture "out/$name.sfi" "$in" "$run" --dir "$work/sandbox:/lua" --env SFI_LUA_TEST=yes \
		"$work/lua.sfi" "$@"
	if ! grep -q "^exit $status\$" "out/$name.native" || ! grep -qF -- "$marker" "out/$name.native"; then
		echo "lua $name: the native build did not run as expected:"
		cat "out/$name.native"
		failed=1
	elif ! diff -a -u "out/$name.native" "out/$name.sfi"; then
		echo "lua $name: sandboxed output differs from native"
		failed=1
	else
		echo "lua $name: identical"
	fi
}
stdin=$here/lua/io.lua # io.lua reads its own text from stdin; the others ignore it
compare strings "$stdin" 0 "3 items	4	ABCD" strings.lua
compare tables "$stdin" 0 "weak keys left	5	finalized	5" tables.lua
compare functions "$stdin" 0 "N12 O+ N345 O* N6" functions.lua
compare numbers "$stdin" 0 "12.78329081042982	4256144032" numbers.lua
compare errors "$stdin" 1 "lua: errors.lua:40: uncaught at top level" errors.lua
compare io "$stdin" 0 "hello, sandbox	true	true" io.lua
compare workload "$stdin" 0 "primes	17984" workload.lua
compare stdin-script "$here/lua/args.lua" 0 "2	one	2	-	one	two" - one two
compare dash-e /dev/null 0 "42	Lua 5.4" -e "x = 6 * 7" -e "print(x, _VERSION)"
compare version /dev/null 0 "Lua 5.4.4" -v
diff -r native sandbox || { echo "lua: the scripts left different files behind"; failed=1; }
exit $failed
