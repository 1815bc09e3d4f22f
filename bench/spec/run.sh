#!/bin/bash
# usage: bench/spec/run.sh NATIVEDIR SFIDIR INDIR [runs=3] [bench...]
#
# Runs each benchmark natively (NATIVEDIR/<prog>) and sandboxed (sfi-run SFIDIR/<prog>.sfi),
# `runs` times each, INTERLEAVED (native, sandboxed, native, ...), pinned to CPU 1, in a scratch
# directory. Prints per benchmark: median wall time of each, the ratio sandboxed/native, the
# sandbox mode/policy (from the module's .note.sfi, R20) and whether the outputs are identical
# (md5 of the output file of every run). SFI_RUN selects sfi-run (default: build-bench).
# The programs read INDIR (granted read-only) and write into the scratch directory (granted
# read-write); the native run gets the same command line.
set -u
N=$(realpath "$1"); X=$(realpath "$2"); I=$(realpath "$3"); RUNS=${4:-3}; shift 3; shift || true
HERE=$(dirname "$(realpath "$0")"); ROOT=$(realpath "$HERE/../..")
SFI_RUN=${SFI_RUN:-$ROOT/build-bench/runtime/sfi-run}
OBJCOPY=${OBJCOPY:-llvm-objcopy-19}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; cd "$W"
pin=""; command -v taskset >/dev/null && pin="taskset -c 1"

declare -A PROG=([bzip2]=bzip2 [bunzip2]=bzip2 [xz]=xz [unxz]=xz [sqlite]=speedtest1)
declare -A ARGS=(
 [bzip2]="-9 -c $I/text32.txt"
 [bunzip2]="-d -c $I/text32.bz2"
 [xz]="-6 -c $I/text3.txt"
 [unxz]="-d -c $I/text3.xz"
 [sqlite]="--memdb --heap 200000000 64 --size 100 x.db"
)
# speedtest1 prints timings; compare its output without the per-test times (digits).
declare -A FILTER=([sqlite]="sed -E 's/[0-9]+\.[0-9]+s//g'")

mode_of() { # <module.sfi> -> "mask, loads+stores[, thread-safe returns]"
  local d
  d=$($OBJCOPY -O binary --only-section=.note.sfi "$1" /dev/stdout 2>/dev/null | od -An -tu4 -j16 -N16)
  set -- $d
  [ $# -eq 4 ] || { echo "?"; return; }
  local m p
  case $2 in 0) m=mask;; 1) m=segue;; *) m="mode $2";; esac
  case $3 in 0) p=loads+stores;; 1) p=stores-only;; *) p="policy $3";; esac
  echo "$m, $p$( [ $(( $4 & 1 )) = 1 ] && echo ', thread-safe returns')"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }

printf '%-8s %10s %10s %7s  %-26s %s\n' bench native_ms sfi_ms ratio "sandbox mode/policy" outputs
for b in ${@:-bzip2 bunzip2 xz sqlite}; do
  p=${PROG[$b]}; tn=""; ts=""; sums=""; fail=""
  [ -x "$N/$p" ] || { echo "$b: $N/$p missing"; continue; }
  [ -f "$X/$p.sfi" ] || { echo "$b: $X/$p.sfi missing"; continue; }
  f=${FILTER[$b]:-cat}
  for k in $(seq 1 "$RUNS"); do
    s=$(date +%s%N); $pin "$N/$p" ${ARGS[$b]} > out.n 2>err.n || fail="$fail native-rc=$?"; e=$(date +%s%N)
    tn="$tn $(( (e - s) / 1000000 ))"
    s=$(date +%s%N); $pin "$SFI_RUN" --dir-ro "$I" --dir "$W" "$X/$p.sfi" ${ARGS[$b]} > out.s 2>err.s || fail="$fail sfi-rc=$?"; e=$(date +%s%N)
    ts="$ts $(( (e - s) / 1000000 ))"
    sums="$sums $(sh -c "$f" < out.n | md5sum | cut -c1-8)/$(sh -c "$f" < out.s | md5sum | cut -c1-8)"
  done
  mn=$(echo $tn | median); ms=$(echo $ts | median)
  same=identical
  for pair in $sums; do [ "${pair%/*}" = "${pair#*/}" ] || same="DIFFERENT ($sums)"; done
  [ -s out.n ] || same="$same (native output empty!)"
  ratio=$(awk -v a="$ms" -v b="$mn" 'BEGIN{ if (b > 0) printf "%.3f", a/b; else print "?" }')
  printf '%-8s %10s %10s %7s  %-26s %s  runs native:%s sfi:%s  md5 %s%s\n' "$b" "$mn" "$ms" "$ratio" \
    "$(mode_of "$X/$p.sfi")" "$same" "$tn" "$ts" "${sums%% *}" "${fail:+  FAILURES:$fail}"
  if [ -n "$fail" ]; then echo "  stderr (sfi): $(head -c 400 err.s | tr '\n' ' ')"; fi
done
