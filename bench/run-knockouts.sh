#!/bin/bash
# Where the round trip's ticks go (docs/performance.md, "Transitions", the floor under R22):
# bench-roundtrip built from a scratch copy of the committed tree with one part of the
# transition path removed at a time, run alternated with the same copy unmodified.
# THE VARIANTS ARE UNSAFE BY CONSTRUCTION (each drops a piece of R19/R22): they are built only
# in a temporary directory, measured, and deleted; nothing else links them.
# usage: bench/run-knockouts.sh [rounds=3] [samples=301] [batch=1000]
# Prints, per variant, lean_bound / lean_empty / call_empty as the best batch of each round
# (TSC ticks): on this shared VM the best batch is stable to a tick where medians move with
# the neighbours' load.
set -eu
. "$(dirname "$0")/common.sh"
rounds=${1:-3} samples=${2:-301} batch=${3:-1000}
bench_build bench-modules
bench_header
S=$(mktemp -d)
trap 'rm -rf "$S"' EXIT
mkdir -p "$S/src" "$S/bin"
git -C "$REPO" archive HEAD | tar -x -C "$S/src"
cmake -S "$S/src" -B "$S/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null

# name | file | sed expression (one knock-out each; "all_fp" drops every FP-state step at once)
ST='s|^\tstmxcsr CTX_MXCSR(\\ctx)|\tmovl $0x1f80, CTX_MXCSR(\\ctx)|'
LDX='s|^\tldmxcsr CTX_MXCSR(\\ctx)|\t/* knocked out */|'
LDE='s|^\tldmxcsr sfi__sandbox_mxcsr(%rip)|\t/* knocked out */|'
VEC='s|^\tSFI_CLEAR_VECTORS|\t/* knocked out */|'
SCRUB='s|^\tmovq SB_ENTRY_SEQ(%rdi), %r11 .*|\tmovq SB_ENTRY_SEQ(%rdi), %r11; addq $22, %r11|'
CLD='s|    g\[n++\] = 0xfc;|    g[n++] = kind == GATE_KIND_EXIT ? 0x90 : 0xfc;|'
VZU='s|^\tvzeroupper$|\tnop|'
EMMS='s|^\temms$|\tnop|'
CW='s|^\tfnstcw CTX_FCW(\\ctx)|\tmovw $0x37f, CTX_FCW(\\ctx)|;s|^\tSFI_SET_FCW CTX_FCW(\\ctx), CTX_FCW_SCRATCH(\\ctx), \\reg, \\reg16|\t/* knocked out */|'
variants=(
  "stmxcsr|trampolines/sfi_ctx.h|$ST"
  "ldmxcsr_entry|trampolines/fast.S|$LDE"
  "ldmxcsr_exit|trampolines/sfi_ctx.h|$LDX"
  "fcw|trampolines/sfi_ctx.h|$CW"
  "vectors|trampolines/fast.S|$VEC"
  "x87_scrub|trampolines/fast.S|$SCRUB"
  "cld|loader/gates.c|$CLD"
  "emms_exit|trampolines/entry.S|$EMMS"
  "vzeroupper|trampolines/sfi_ctx.h|$VZU"
  "all_fp|trampolines/sfi_ctx.h|$ST;$LDX;$CW;$VZU"
  "all_fp|trampolines/fast.S|$LDE;$VEC;$SCRUB"
  "all_fp|trampolines/entry.S|$EMMS"
  "all_fp|loader/gates.c|$CLD"
)
build_as() { # name: build bench-roundtrip in the scratch tree, keep it as bin/name
  cmake --build "$S/build" --target bench-roundtrip >/dev/null
  cp "$S/build/bench/bench-roundtrip" "$S/bin/$1"
}
build_as reference
names=(reference)
for v in "${variants[@]}"; do
  IFS='|' read -r name _ _ <<<"$v"
  case " ${names[*]} " in *" $name "*) continue ;; esac
  for w in "${variants[@]}"; do # every edit of this variant
    IFS='|' read -r n f e <<<"$w"
    [ "$n" = "$name" ] || continue
    sed -i "$e" "$S/src/$f"
    if git -C "$REPO" show "HEAD:$f" | cmp -s - "$S/src/$f"; then
      echo "knock-out $name did not change $f (the source moved: update $0)" >&2
      exit 1
    fi
  done
  build_as "$name"
  names+=("$name")
  for w in "${variants[@]}"; do # back to the committed sources (a new mtime: rebuilt next time)
    IFS='|' read -r n f _ <<<"$w"
    if [ "$n" = "$name" ]; then git -C "$REPO" show "HEAD:$f" >"$S/src/$f"; fi
  done
done

pin=""; command -v taskset >/dev/null && pin="taskset -c 1"
declare -A res
for r in $(seq 1 "$rounds"); do
  for n in "${names[@]}"; do
    out=$($pin "$S/bin/$n" "$BUILD/bench/rt.sfi" "$samples" "$batch")
    res[$n]="${res[$n]:-} $(echo "$out" | awk '/^(lean_bound|lean_empty|call_empty) /{v[$1] = $8}
      END {printf "%s/%s/%s", v["lean_bound"], v["lean_empty"], v["call_empty"]}')"
  done
done
echo "# best batch per round, TSC ticks: lean_bound/lean_empty/call_empty ($rounds rounds x $samples x $batch)"
for n in "${names[@]}"; do printf '%-14s %s\n' "$n" "${res[$n]}"; done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
