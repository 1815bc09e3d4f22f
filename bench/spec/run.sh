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
# speedtest1 prints timings ("%8.3fs" at the end of each line); compare its output without them,
# including their padding (a time of 10 s or more has one space less).
declare -A FILTER=([sqlite]="sed -E 's/ +[0-9]+\.[0-9]+s\$//'")

mode_of() { # <module.sfi> -> "mask, loads+stores[, thread-safe returns]"
  local d
  $OBJCOPY -O binary --only-section=.note.sfi "$1" note.bin 2>/dev/null || { echo "?"; return; }
  d=$(od -An -tu4 -j16 -N16 note.bin)   # the first note's descriptor (all notes are identical, R20)
  set -- $d
  [ $# -eq 4 ] || { echo "?"; return; }
  local m p
  case $2 in 0) m=mask;; 1) m=segue;; *) m="mode $2";; esac
  case $3 in 0) p=loads+stores;; 1) p=stores-only;; *) p="policy $3";; esac
  echo "$m, $p$( [ $(( $4 & 1 )) = 1 ] && echo ', thread-safe returns')"
}
# run <outfile> <errfile> cmd... -> sets LAST_WALL (ms) and LAST_CPU (user+sys ms); returns cmd's status
run() {
  local o=$1 e=$2 rc; shift 2
  /usr/bin/time -f '%e %U %S' -o time.txt "$@" > "$o" 2> "$e"; rc=$?
  read -r w u sy < <(tail -n 1 time.txt)
  LAST_WALL=$(awk -v w="$w" 'BEGIN{printf "%d", w*1000}'); LAST_CPU=$(awk -v u="$u" -v s="$sy" 'BEGIN{printf "%d", (u+s)*1000}')
  return $rc
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }

printf '%-8s %9s %9s %6s %9s %9s %6s  %-20s %s\n' bench native_ms sfi_ms ratio ncpu_ms sfcpu_ms ratio "sandbox mode/policy" outputs
echo "# *_ms: median wall time; *cpu_ms: median user+sys CPU time (less sensitive to other load)"
for b in ${@:-bzip2 bunzip2 xz sqlite}; do
  p=${PROG[$b]}; tn=""; ts=""; cn=""; cs=""; sums=""; fail=""
  [ -x "$N/$p" ] || { echo "$b: $N/$p missing"; continue; }
  [ -f "$X/$p.sfi" ] || { echo "$b: $X/$p.sfi missing"; continue; }
  f=${FILTER[$b]:-cat}
  for k in $(seq 1 "$RUNS"); do
    run out.n err.n $pin "$N/$p" ${ARGS[$b]} || fail="$fail native-rc=$?"
    tn="$tn $LAST_WALL"; cn="$cn $LAST_CPU"
    run out.s err.s $pin "$SFI_RUN" --dir-ro "$I" --dir "$W" "$X/$p.sfi" ${ARGS[$b]} || fail="$fail sfi-rc=$?"
    ts="$ts $LAST_WALL"; cs="$cs $LAST_CPU"
    sums="$sums $(sh -c "$f" < out.n | md5sum | cut -c1-8)/$(sh -c "$f" < out.s | md5sum | cut -c1-8)"
  done
  mn=$(echo $tn | median); ms=$(echo $ts | median); mcn=$(echo $cn | median); mcs=$(echo $cs | median)
  same=identical
  for pair in $sums; do [ "${pair%/*}" = "${pair#*/}" ] || same="DIFFERENT ($sums)"; done
  [ -s out.n ] || same="$same (native output empty!)"
  ratio=$(awk -v a="$ms" -v b="$mn" 'BEGIN{ if (b > 0) printf "%.3f", a/b; else print "?" }')
  cratio=$(awk -v a="$mcs" -v b="$mcn" 'BEGIN{ if (b > 0) printf "%.3f", a/b; else print "?" }')
  sums=${sums# }
  printf '%-8s %9s %9s %6s %9s %9s %6s  %-20s %s  (wall native:%s sfi:%s; cpu native:%s sfi:%s; md5 %s)%s\n' \
    "$b" "$mn" "$ms" "$ratio" "$mcn" "$mcs" "$cratio" "$(mode_of "$X/$p.sfi")" "$same" "$tn" "$ts" \
    "$cn" "$cs" "${sums%% *}" "${fail:+  FAILURES:$fail}"
  if [ -n "$fail" ]; then echo "  stderr (sfi): $(head -c 400 err.s | tr '\n' ' ')"; fi
done
