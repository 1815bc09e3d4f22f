#!/bin/sh
# Sanity run of sfi-as on real compiler output: compile tests/rewriter/c/*.c with clang-19 at
# -O0 and -O2, assemble with sfi-as, check the bundle layout (check_bundles.py) and show a
# disassembly summary. With the SfiPass plugin the code never touches %r14/%r15 and everything
# must assemble; without it clang may allocate them, and then the only acceptable failures are
# sfi-as's R3/R4 errors.
#
# usage: sanity.sh SFI_AS [PLUGIN.so]     (env: CLANG, OBJDUMP, PYTHON, KEEP=dir)
set -eu
SFI_AS=$1
PLUGIN=${2:-}
CLANG=${CLANG:-clang-19}
OBJDUMP=${OBJDUMP:-llvm-objdump-19}
PYTHON=${PYTHON:-python3}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${KEEP:-$(mktemp -d)}
mkdir -p "$WORK"
FLAGS="-fPIE -mno-red-zone -fcf-protection=none -fstack-protector-strong -ftls-model=initial-exec"
[ -n "$PLUGIN" ] && FLAGS="$FLAGS -fpass-plugin=$PLUGIN"
fail=0
for c in "$HERE"/c/*.c; do
  for opt in -O0 -O2; do
    base="$WORK/$(basename "$c" .c)$opt"
    # shellcheck disable=SC2086
    "$CLANG" -S $opt $FLAGS "$c" -o "$base.s"
    if "$SFI_AS" --stats "$base.s" -o "$base.o" 2>"$base.err"; then
      if ! "$PYTHON" "$HERE/check_bundles.py" "$OBJDUMP" "$base.o"; then
        fail=1
      fi
      sz=$("$OBJDUMP" -h "$base.o" | awk '$2==".text"{print $3}')
      printf '%-28s ok   %6d bytes of code\n' "$(basename "$base")" "$((0x${sz:-0}))"
    else
      if [ -z "$PLUGIN" ] && ! grep 'error:' "$base.err" | grep -qv '\[R[34]\]'; then
        printf '%-28s rejected (R3/R4: clang used %%r14/%%r15 without the plugin)\n' "$(basename "$base")"
      else
        printf '%-28s FAILED\n' "$(basename "$base")"
        cat "$base.err"
        fail=1
      fi
    fi
  done
done
[ -z "${KEEP:-}" ] && rm -rf "$WORK"
exit $fail
