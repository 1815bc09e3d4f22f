#!/bin/bash
# Command-line tests of sfi-clang. One case per ctest entry:
#   driver_test.sh <case>
# Environment (set by CMakeLists.txt): SFI_CLANG_BIN, READELF, NM, VERIFY, WORK
# (a fresh directory for the case), SYSROOT (the build tree's default).
# Exit 0 = pass, 1 = fail, 77 = skipped.
set -u
case_name=$1
CC=$SFI_CLANG_BIN
# The driver must find its tools through the paths baked in at build time,
# not through a developer's environment.
unset SFI_AS SFI_PASS_PLUGIN SFI_SYSROOT SFI_CLANG SFI_LD

rm -rf "$WORK" && mkdir -p "$WORK/tmp" && cd "$WORK" || exit 1
export TMPDIR=$WORK/tmp

fail() { echo "FAIL($case_name): $*"; exit 1; }
# run <expected-status> <cmd...>: output in out.txt (stdout+stderr)
run() {
	local want=$1; shift
	echo "+ $*"
	"$@" >out.txt 2>&1
	local got=$?
	cat out.txt
	[ "$got" = "$want" ] || fail "exit status $got, expected $want: $*"
}
has() { grep -q -e "$1" "${2:-out.txt}" || fail "'$1' not found in ${2:-out.txt}"; }
hasnt() { ! grep -q -e "$1" "${2:-out.txt}" || fail "'$1' unexpectedly in ${2:-out.txt}"; }
no_temps_left() { [ -z "$(ls -A "$TMPDIR")" ] || fail "temporaries left: $(ls "$TMPDIR")"; }

cat >a.c <<'EOF'
#include "a.h"
int twice(int x) { return 2 * x + A_CONST; }
EOF
echo '#define A_CONST 0' >a.h
cat >b.c <<'EOF'
int twice(int);
int quad(int x) { return twice(twice(x)); }
EOF

case $case_name in
dry-run)
	# -### shows the whole pipeline and runs nothing.
	run 0 "$CC" -### -O2 -c a.c
	has '"-fpass-plugin=[^"]*libSfiPass.so"'
	has '"-mno-red-zone"'
	has '"-fPIE"'
	has '"-fcf-protection=none"'
	has '"-S" "-o" "[^"]*a-[A-Za-z0-9]*\.s"'
	has 'sfi-as" "[^"]*a-[A-Za-z0-9]*\.s" "-o" "a.o"'
	[ ! -e a.o ] || fail "-### produced a.o"
	no_temps_left
	# The contract's flags come after the user's, so they win.
	run 0 "$CC" -### -mred-zone -fno-pie -c a.c
	grep -o '"-mred-zone".*"-mno-red-zone"' out.txt >/dev/null || fail "user flag after contract flag"
	;;
dry-run-link)
	run 0 "$CC" -### -shared -nostdlib a.c b.c -o m.sfi
	has 'ld.lld-19" "-pie" "--no-dynamic-linker" "-z" "separate-code"'
	has '"--export-dynamic"'
	has '"--unresolved-symbols=ignore-all"'
	no_temps_left
	;;
info)
	run 0 "$CC" -dumpmachine
	has '^x86_64-linux-\(gnu\|musl\)$'
	run 0 "$CC" --version
	has 'sfi-clang version'
	has 'clang version 19'
	run 0 "$CC" --help
	has 'BEFORE sfi-as'
	run 0 "$CC" -print-prog-name=ld
	has 'ld.lld'
	run 0 "$CC" -print-file-name=nonexistent-file.o
	has '^nonexistent-file.o$'
	run 0 "$CC" -v
	has 'pass plugin: .*libSfiPass.so'
	;;
preprocess)
	run 0 "$CC" -E -DEXTRA=4242 -x c - <<<'int v = EXTRA;'
	has 'int v = 4242;'
	run 0 "$CC" -E a.c -o a.i
	has 'twice' a.i
	has '2 \* x + 0' a.i
	# The contract's flags shape the predefined macros, as in a real compile.
	run 0 "$CC" -E -dM -march=skylake-avx512 -x c /dev/null
	has '__PIE__'
	hasnt '__AVX512F__'
	;;
deps-M)
	run 0 "$CC" -M a.c
	has '^a.o: a.c a.h'
	run 0 "$CC" -MM -MT custom.o a.c
	has '^custom.o: a.c a.h'
	;;
unknown-file-type)
	echo data >input.xyz
	run 1 "$CC" -c input.xyz
	has 'sfi-clang: error: input.xyz: unknown file type'
	run 1 "$CC" -c missing.c
	has "no such file or directory: 'missing.c'"
	echo 'class A {};' >c.cpp
	run 1 "$CC" -c c.cpp
	has 'only C and assembly'
	run 1 "$CC" -m32 -c a.c
	has 'x86-64 only (R1)'
	;;
syntax-error)
	echo 'int x = ;' >bad.c
	run 1 "$CC" -c bad.c
	has 'bad.c:1:9: error: expected expression'
	[ ! -e bad.o ] || fail "bad.o written"
	no_temps_left
	;;
multiple-outputs)
	run 1 "$CC" -c a.c b.c -o x.o
	has 'cannot specify -o when generating multiple output files'
	;;
inline-asm-r15)
	# The plugin refuses code that names the base register (R3).
	printf 'void f(void) { __asm__ volatile("movq $0, %%%%r15" ::: "memory"); }\n' >r15.c
	run 1 "$CC" -S r15.c -o r15.s
	has 'r15.c:1:.*error: .*\[R3\]'
	;;
assembly)
	# -S is clang's assembly, before sfi-as: no masked return yet.
	run 0 "$CC" -O2 -S a.c b.c
	has 'twice:' a.s
	has 'quad:' b.s
	hasnt 'andl.*\$-32, %r11d' a.s
	no_temps_left
	;;
object-note)
	run 0 "$CC" -v -O2 -c a.c
	has '"-fpass-plugin=[^"]*libSfiPass.so"'
	has 'sfi-as'
	[ -s a.o ] || fail "no a.o"
	"$READELF" -n a.o >notes.txt 2>&1 || fail "readelf -n"
	cat notes.txt
	has '\.note\.sfi' notes.txt
	has 'SFI ' notes.txt
	has 'description data: 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00' notes.txt
	# --sfi-stores-only reaches sfi-as and so the note's policy word (R11).
	run 0 "$CC" --sfi-stores-only -Wa,--noexecstack -c a.c -o so.o
	"$READELF" -n so.o >notes.txt 2>&1
	has 'description data: 01 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00' notes.txt
	no_temps_left
	;;
several-inputs)
	# Two objects from one command; then a mixed .c + .o link.
	run 0 "$CC" -c a.c b.c
	[ -s a.o ] && [ -s b.o ] || fail "a.o/b.o missing"
	mkdir -p sub
	run 0 "$CC" -c b.c -o sub/b.o
	[ -s sub/b.o ] || fail "sub/b.o missing"
	run 0 "$CC" -shared -nostdlib a.c sub/b.o -o mixed.sfi
	"$READELF" --dyn-syms mixed.sfi >syms.txt || fail readelf
	has ' quad$' syms.txt
	has ' twice$' syms.txt
	no_temps_left
	;;
deps-MD)
	mkdir -p obj
	run 0 "$CC" -c a.c -o obj/a.o -MD -MP
	has '^obj/a.o: a.c a.h' obj/a.d
	has '^a.h:' obj/a.d
	run 0 "$CC" -c a.c -o obj/a2.o -MMD -MF deps.d -MT target.o
	has '^target.o: a.c a.h' deps.d
	[ ! -e obj/a2.d ] || fail "-MF ignored"
	no_temps_left
	;;
asm-inputs)
	printf '#define V 7\n\t.text\n\t.globl h\nh:\tmovl $V, %%eax\n\tret\n' >h.S
	run 0 "$CC" -c h.S
	printf '\t.text\n\t.globl k\nk:\tret\n' >k.s
	run 0 "$CC" -c k.s
	# A rewritten return (R10) proves sfi-as, not a plain assembler, made it.
	llvm-objdump-19 -d h.o >dis.txt || fail objdump
	has 'movl.*\$0x7, %eax' dis.txt
	has 'andl.*\$-0x20, %r11d' dis.txt
	run 0 "$CC" -c -x assembler - -o stdin.o <k.s
	[ -s stdin.o ] || fail "stdin.o missing"
	no_temps_left
	;;
stdin-and-response-file)
	run 0 "$CC" -c -x c - -o s.o <a.c -I.
	[ -s s.o ] || fail "s.o missing"
	printf -- '-c "-DA_CONST=1"\n-o rsp.o\n' >args.rsp
	echo 'int v = A_CONST;' >rsp.c
	run 0 "$CC" @args.rsp rsp.c
	[ -s rsp.o ] || fail "rsp.o missing"
	;;
plugin-imports)
	# A plugin module with an undefined function: R21 slot + hidden stub,
	# static PIE (ET_DYN, no PT_INTERP), only RELATIVE relocations.
	cat >plugin.c <<'EOF'
extern int host_log(const char *msg, int value);
int plugin_run(int x) { return host_log("run", x) + 1; }
EOF
	run 0 "$CC" -v -O2 -shared -nostdlib plugin.c -o plugin.sfi
	has 'note: import: host_log'
	"$READELF" --dyn-syms plugin.sfi >syms.txt || fail readelf
	cat syms.txt
	has 'OBJECT  *GLOBAL DEFAULT .* __sfi_import__host_log$' syms.txt
	has 'FUNC  *GLOBAL DEFAULT .* plugin_run$' syms.txt
	hasnt ' host_log$' syms.txt # the stub is hidden: not an export
	"$READELF" -h -l -r plugin.sfi >elf.txt || fail readelf
	has 'Type: *DYN' elf.txt
	hasnt 'INTERP' elf.txt
	hasnt 'R_X86_64_\(JUMP_SLOT\|GLOB_DAT\|64 \)' elf.txt
	"$READELF" -n plugin.sfi >notes.txt
	has 'SFI ' notes.txt
	no_temps_left
	;;
program-undefined)
	# A program must be complete; undefined functions are imports only
	# for -shared modules or with --sfi-allow-imports.
	run 1 "$CC" -nostdlib b.c -o prog
	has 'undefined symbol: twice'
	[ ! -e prog ] || fail "prog written"
	run 0 "$CC" -nostdlib --sfi-allow-imports b.c -o prog
	"$READELF" --dyn-syms prog >syms.txt
	has '__sfi_import__twice$' syms.txt
	no_temps_left
	;;
no-imports)
	# Nothing undefined: the trial link is the module.
	run 0 "$CC" -shared -nostdlib a.c b.c -o whole.sfi
	"$READELF" --dyn-syms whole.sfi >syms.txt
	hasnt '__sfi_import__' syms.txt
	[ -x whole.sfi ] || fail "not executable"
	[ -z "$(ls -A . | grep '^\.whole')" ] || fail "trial output left behind"
	no_temps_left
	;;
special-output)
	# configure scripts link to /dev/null. The driver must write through a
	# non-regular output, never rename() onto it (that replaced /dev/null
	# once). A FIFO stands in for the device.
	mkfifo out.fifo || exit 77
	cat out.fifo >copy.bin &
	reader=$!
	run 0 "$CC" -shared -nostdlib a.c b.c -o out.fifo
	[ -p out.fifo ] || { kill $reader; fail "out.fifo was replaced"; }
	wait $reader
	[ -s copy.bin ] || fail "nothing written through the FIFO"
	no_temps_left
	;;
no-sysroot-link)
	[ -d "$SYSROOT/include" ] && exit 77 # the runtime is built: n/a
	run 1 "$CC" a.c -o prog
	has 'no sandbox sysroot'
	;;
fake-sysroot)
	# A stand-in sysroot built with sfi-clang itself: checks the musl
	# triple, the crt/libc link order and that a program links and has
	# _start as entry.
	mkdir -p sr/include sr/lib
	echo 'int helper(void);' >sr/include/helper.h
	cat >crt1.c <<'EOF'
int main(void);
void _start(void) { main(); for (;;) {} }
EOF
	echo 'int helper(void) { return 5; }' >helper.c
	run 0 "$CC" -nostdlib -c crt1.c -o sr/lib/crt1.o
	run 0 "$CC" -nostdlib -c helper.c -o helper.o
	llvm-ar-19 rc sr/lib/libc.a helper.o || fail ar
	cat >main.c <<'EOF'
#include <helper.h>
int main(void) { return helper(); }
EOF
	run 0 "$CC" -v --sfi-sysroot=sr main.c -o prog
	has '"--target=x86_64-linux-musl" "--sysroot=sr"'
	grep -E 'ld.lld-19".*"sr/lib/crt1.o".*"-Lsr/lib".*main-[A-Za-z0-9]*\.o".*"--start-group" "sr/lib/libc.a" "--end-group"' out.txt >/dev/null ||
		fail "link line order"
	"$READELF" -h prog >h.txt
	"$NM" prog >nm.txt
	entry=$(sed -n 's/.*Entry point address: *0x\([0-9a-f]*\).*/\1/p' h.txt)
	grep -qi "^0*$entry T _start" nm.txt || fail "entry is not _start"
	run 0 "$CC" -### --sfi-sysroot=sr -shared main.c -o plug
	hasnt 'crt1.o'
	run 1 "$CC" --sfi-sysroot=nonexistent -c a.c
	has "sysroot 'nonexistent' has no include/"
	;;
temps-on-failure)
	# Temporaries go, whatever happens; -save-temps keeps them in the cwd.
	printf 'void f(void) { __asm__ volatile("int $0x80"); }\n' >int80.c
	run 1 "$CC" -c int80.c
	has '\[R14\]'
	has 'kept with -save-temps'
	no_temps_left
	run 1 "$CC" -save-temps -c int80.c
	ls int80-*.s >/dev/null 2>&1 || fail "-save-temps kept nothing"
	;;
verify-single)
	# End to end: a one-object module passes the verifier.
	echo 'int g(int x) { return x * 3 + 1; }' >g.c
	run 0 "$CC" -O2 -shared -nostdlib g.c -o g.sfi
	run 0 "$VERIFY" g.sfi
	has 'g.sfi: OK'
	;;
verify-bss-tail)
	# A 4-byte variable at the very end of the image: the verifier checks
	# rip+disp+8 (R11 form c), so the driver pads the image end.
	echo 'int counter; void bump(void) { counter++; }' >tail.c
	run 0 "$CC" -O2 -shared -nostdlib tail.c -o tail.sfi
	run 0 "$VERIFY" tail.sfi
	has 'tail.sfi: OK'
	;;
verify-imports)
	# Several objects and the import stubs. lld fills the gap before each
	# 32-byte-aligned .text with int3 (R14) unless sfi-as ends every
	# executable section on a bundle boundary.
	cat >plugin.c <<'EOF'
extern int host_log(const char *msg, int value);
int plugin_run(int x) { return host_log("run", x) + 1; }
EOF
	run 0 "$CC" -O2 -shared -nostdlib plugin.c a.c b.c -o plugin.sfi
	run 0 "$VERIFY" plugin.sfi
	has 'plugin.sfi: OK'
	;;
verify-weak-call)
	# A call to an undefined weak function: lld resolves it to 0, a direct
	# call outside the code (R7), unless it goes through the GOT.
	cat >weak.c <<'EOF'
__attribute__((weak)) void maybe(void);
void run(void) { if (maybe) maybe(); }
EOF
	run 0 "$CC" -O2 -shared -nostdlib weak.c -o weak.sfi
	run 0 "$VERIFY" weak.sfi
	has 'weak.sfi: OK'
	;;
asm-debug-info)
	# -g reaches sfi-as for the user's assembly, which has no .file/.loc of
	# its own; the compile unit is named after the .S, not its preprocessed
	# temporary. Clang's output for C carries its own line table.
	DWARFDUMP=${READELF%/*}/llvm-dwarfdump
	printf '#define V 7\n\t.text\n\t.globl h\nh:\tmovl $V, %%eax\n\tret\n' >h.S
	run 0 "$CC" -v -g -c h.S
	has 'sfi-as" "-g" "-main-file-name" "h.S"'
	"$DWARFDUMP" --debug-info --debug-line h.o >dw.txt || fail dwarfdump
	cat dw.txt
	has 'DW_AT_name.*("h.S")' dw.txt
	has '^0x0000000000000000 *4 ' dw.txt # movl $V is on line 4 of h.S
	printf '\t.text\n\t.globl k\nk:\tret\n' >k.s
	run 0 "$CC" -g -c k.s
	"$DWARFDUMP" --debug-line k.o >dw.txt || fail dwarfdump
	has '^0x0000000000000000 *3 ' dw.txt
	# The last level wins: -g0 turns it off again.
	run 0 "$CC" -v -g -g0 -c k.s -o k0.o
	hasnt '"-main-file-name"'
	run 0 "$CC" -v -g -O2 -c a.c
	hasnt '"-main-file-name"'
	"$DWARFDUMP" --debug-line a.o >dw.txt || fail dwarfdump
	has 'is_stmt' dw.txt
	no_temps_left
	;;
mixed-notes)
	# R20: all notes of a module are the same. Objects assembled with
	# different sfi-as options link without complaint from lld; the driver
	# refuses the module, naming the objects by note, and leaves no output.
	run 0 "$CC" -O2 -c a.c
	run 0 "$CC" -O2 -Wa,--stores-only -c b.c
	run 1 "$CC" -shared -nostdlib a.o b.o -o m.sfi
	has 'error: the linked objects carry different sandbox notes (.note.sfi, R20)'
	has 'note: loads+stores: a\.o$'
	has 'note: stores-only: b\.o$'
	[ ! -e m.sfi ] || fail "m.sfi left behind"
	# Sources compiled by the same command are named by their source file.
	run 1 "$CC" -O2 -shared -nostdlib --sfi-thread-safe-returns a.c b.o -o m.sfi
	has 'note: loads+stores, thread-safe returns: a\.c$'
	has 'note: stores-only: b\.o$'
	[ ! -e m.sfi ] || fail "m.sfi left behind"
	# The same options everywhere: no complaint.
	run 0 "$CC" -O2 -shared -nostdlib -Wa,--stores-only a.c b.o -o m.sfi
	hasnt 'sandbox notes'
	[ -s m.sfi ] || fail "no m.sfi"
	# A program also links the sysroot's libc, built with the default policy.
	if [ -d "$SYSROOT/include" ]; then
		echo 'int main(void) { return 0; }' >p.c
		run 1 "$CC" -O2 -Wa,--stores-only p.c -o p.sfi
		has 'note: loads+stores: .*libc\.a'
		has 'note: stores-only: p\.c$'
	fi
	no_temps_left
	;;
*)
	fail "unknown case"
	;;
esac
echo "PASS($case_name)"
