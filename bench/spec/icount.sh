#!/bin/bash
# Deterministic complement to run.sh on a noisy machine: instructions executed (valgrind
# callgrind "I refs") natively and sandboxed (sfi-run), same input on stdin (valgrind 3.19 does
# not know openat2, which libsfi_posix uses for file grants, so no file arguments), same output
# checked with cmp. An instruction-count ratio is NOT a time ratio (masking adds cheap ALU
# instructions); it is reported next to the timed ratio, labelled as such.
# usage: bench/spec/icount.sh NATIVEDIR SFIDIR INDIR [bench...]   (bench: xz bzip2 bunzip2)
set -u
N=$(realpath "$1"); X=$(realpath "$2"); I=$(realpath "$3"); shift 3
HERE=$(dirname "$(realpath "$0")"); ROOT=$(realpath "$HERE/../..")
SFI_RUN=${SFI_RUN:-$ROOT/build-bench/runtime/sfi-run}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; cd "$W"
[ -f "$I/text3.bz2" ] || "$N/bzip2" -9 -c "$I/text3.txt" > "$I/text3.bz2"
declare -A PROG=([xz]=xz [bzip2]=bzip2 [bunzip2]=bzip2)
declare -A ARGS=([xz]="-6 -c" [bzip2]="-9 -c" [bunzip2]="-d -c")
declare -A IN=([xz]=text3.txt [bzip2]=text3.txt [bunzip2]=text3.bz2)
# A run that does no work: the sandboxed fixed cost (sfi-run, module open = verification, libc
# init) measured alone and subtracted for the "work" ratio.
declare -A NOP=([xz]=--version [bzip2]=--help [bunzip2]=--help)
ir() { grep -o 'refs: *[0-9,]*' "$1" | tr -dc 0-9; }
printf '%-8s %14s %14s %6s %12s %11s  %s\n' bench native_Ir sfi_Ir ratio sfi_fixed_Ir work_ratio "input, outputs"
echo "# work_ratio = (sfi_Ir - sfi_fixed_Ir) / native_Ir; sfi_fixed_Ir = sfi-run of the module with ${NOP[bzip2]}/${NOP[xz]}"
for b in ${@:-xz bzip2 bunzip2}; do
  p=${PROG[$b]}
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$N/$p" ${ARGS[$b]} < "$I/${IN[$b]}" > out.n 2> vg.n
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$SFI_RUN" "$X/$p.sfi" ${ARGS[$b]} < "$I/${IN[$b]}" > out.s 2> vg.s
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$SFI_RUN" "$X/$p.sfi" ${NOP[$b]} > /dev/null 2> vg.f
  a=$(ir vg.n); s=$(ir vg.s); fx=$(ir vg.f)
  same=identical; cmp -s out.n out.s || same=DIFFERENT; [ -s out.n ] || same="$same (empty)"
  printf '%-8s %14s %14s %6s %12s %11s  %s\n' "$b" "$a" "$s" "$(awk -v a="$a" -v s="$s" 'BEGIN{printf "%.3f", s/a}')" \
    "$fx" "$(awk -v a="$a" -v s="$s" -v f="$fx" 'BEGIN{printf "%.3f", (s-f)/a}')" "${IN[$b]} (stdin), $same"
done
