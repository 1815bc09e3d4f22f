#!/bin/sh
# CLI tests of sfi-verify: exit codes (0 ok, 1 rejected, 2 unreadable; 2 wins), the
# human line format with [R<n>], --json, --stats, --max-errors, --object auto-detection,
# and a real static PIE linked by ld.lld.
# usage: test_cli.sh SFI_VERIFY LLVM_BINDIR WORKDIR
set -u
VERIFY=$1
BIN=$2
WORK=$3
MC=$BIN/llvm-mc
[ -x "$MC" ] || MC=llvm-mc-19
LLD=$BIN/ld.lld
[ -x "$LLD" ] || LLD=ld.lld-19
mkdir -p "$WORK"
cd "$WORK" || exit 1
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect_exit WANT CMD...: runs CMD, output in out.txt, checks the status.
expect_exit() {
    want=$1
    shift
    "$@" > out.txt 2> err.txt
    got=$?
    [ "$got" = "$want" ] || { fail "'$*' exited $got, expected $want"; cat out.txt err.txt; }
}

expect_grep() {
    grep -q -e "$1" out.txt || { fail "output lacks '$1'"; cat out.txt; }
}

cat > good.s <<'EOF'
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movl (%r15,%r14,1), %eax
	leal 8(%rdi), %r14d
	movq %rax, 16(%r15,%r14,1)
	leal -32(%rsp), %r14d
	leaq (%r15,%r14,1), %rsp
	.bundle_lock
	andl $-32, %r11d
	addq %r15, %r11
	jmpq *%r11
	.bundle_unlock
	.bundle_lock align_to_end
	callq f
	.bundle_unlock
	popq %r11
	.bundle_lock
	andl $-32, %r11d
	addq %r15, %r11
	pushq %r11
	retq
	.bundle_unlock
	jmp external_function
EOF
cat > bad.s <<'EOF'
	.text
	.bundle_align_mode 5
	.p2align 5
g:
	movq %rax, %r15
	movl (%rax), %eax
	retq
EOF
cat > aligned16.s <<'EOF'
	.text
	.p2align 4
	nop
EOF
"$MC" -filetype=obj good.s -o good.o || fail "llvm-mc good.s"
"$MC" -filetype=obj bad.s -o bad.o || fail "llvm-mc bad.s"
"$MC" -filetype=obj aligned16.s -o aligned16.o || fail "llvm-mc aligned16.s"
printf 'not an elf file at all\n' > junk.bin

expect_exit 0 "$VERIFY" good.o
expect_grep '^good.o: OK ([0-9]* instructions, [0-9]* bundles)$'
expect_exit 0 "$VERIFY" --object good.o

expect_exit 1 "$VERIFY" bad.o
expect_grep '^bad.o: .text+0x0 (vaddr 0x0): \[R3\] .*: 49 89 c7  mov %rax, %r15$'
expect_grep '\[R11\]'
expect_grep '\[R10\]'
expect_grep '^bad.o: REJECTED (3 violations)$'

expect_exit 1 "$VERIFY" aligned16.o
expect_grep '\[R5\]'

expect_exit 1 "$VERIFY" --max-errors 1 bad.o
expect_grep '2 more violations not shown'

expect_exit 2 "$VERIFY" junk.bin
expect_exit 2 "$VERIFY" does-not-exist.o
expect_exit 2 "$VERIFY" bad.o does-not-exist.o good.o
expect_exit 1 "$VERIFY" good.o bad.o
expect_exit 2 "$VERIFY"
expect_exit 2 "$VERIFY" --bogus good.o

expect_exit 0 "$VERIFY" --stats good.o
expect_grep 'MiB/s'
expect_grep '1 indirect, 1 return, 1 rsp, 0 string'

expect_exit 1 "$VERIFY" --json --stats good.o bad.o
if command -v python3 > /dev/null; then
    python3 -c '
import json, sys
objs = [json.loads(l) for l in open("out.txt")]
assert len(objs) == 2, objs
assert objs[0]["status"] == "ok" and objs[0]["stats"]["seq_return"] == 1, objs[0]
assert objs[1]["status"] == "rejected", objs[1]
assert [v["rule"] for v in objs[1]["violations"]] == [3, 11, 10], objs[1]
assert objs[1]["violations"][0]["bytes"] == "49 89 c7", objs[1]
' || fail "JSON output"
fi

# A real module: ld.lld static PIE with the note, then the same without the note.
cat > mod.s <<'EOF'
	.section .note.sfi,"a",@note
	.p2align 2
	.long 4, 16, 1
	.asciz "SFI"
	.long 1, 0, 0, 0
	.data
	.p2align 3
counter: .quad 0
	.text
	.bundle_align_mode 5
	.globl _start
	.p2align 5
_start:
	movq counter(%rip), %rax
	addq $1, %rax
	movq %rax, counter(%rip)
	popq %r11
	.bundle_lock
	andl $-32, %r11d
	addq %r15, %r11
	pushq %r11
	retq
	.bundle_unlock
EOF
sed '/note.sfi/,/long 1, 0, 0, 0/d' mod.s > mod_nonote.s
if command -v "$LLD" > /dev/null; then
    "$MC" -filetype=obj mod.s -o mod.o && "$LLD" -pie --no-dynamic-linker -z separate-code \
        --export-dynamic mod.o -o mod.so || fail "link mod.so"
    "$MC" -filetype=obj mod_nonote.s -o mod_nonote.o && "$LLD" -pie --no-dynamic-linker \
        -z separate-code mod_nonote.o -o mod_nonote.so || fail "link mod_nonote.so"
    expect_exit 0 "$VERIFY" mod.so
    expect_grep '^mod.so: OK'
    expect_exit 1 "$VERIFY" mod_nonote.so
    expect_grep '\[R20\] no .note.sfi'
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures CLI check(s) failed"
    exit 1
fi
echo "all CLI checks passed"
