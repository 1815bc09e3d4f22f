#!/bin/sh
# Test driver for the SfiPass clang plugin (registered by CMakeLists.txt here).
#
#   run.sh ir       SRC OLEVEL PREFIXES  every define/declare/call is graalcc except
#                                        intrinsics and inline asm; then FileCheck SRC
#   run.sh asm      SRC OLEVEL           assembly mentions neither %r14 nor %r15;
#                                        then FileCheck SRC with prefix ASM
#   run.sh asm-ctl  SRC OLEVEL           control: WITHOUT the plugin, SRC does use them
#   run.sh run      SRC OLEVEL           build SRC + regcheck.S, run, expect "PASS"
#   run.sh run-ctl  SRC OLEVEL           control: without the plugin the run fails
#   run.sh reject   SRC OLEVEL           compiles without the plugin, fails with it
#                                        (exit 1, no crash); FileCheck stderr, prefix ERR
#   run.sh opt      LL PREFIXES          opt -passes=sfi, FileCheck LL
#   run.sh opt-reject LL                 opt -passes=sfi fails; FileCheck stderr, prefix ERR
#
# Tools come from the environment: CLANG CLANGXX OPT FILECHECK PLUGIN OUTDIR.
set -u
mode=$1 src=$2
here=$(dirname "$0")
name=$(basename "$src" | tr . _)
mkdir -p "$OUTDIR"

fail() { echo "FAIL: $*" >&2; exit 1; }

# The flags docs/sandbox-abi.md ("Toolchain flags") gives sfi-clang.
cc() {
  case $src in *.cpp) c=$CLANGXX ;; *) c=$CLANG ;; esac
  "$c" -fPIE -mno-red-zone -fcf-protection=none "$@"
}

filecheck() { # INPUT PREFIXES [FileCheck args]
  in=$1 prefixes=$2; shift 2
  "$FILECHECK" --input-file="$in" --check-prefixes="$prefixes" \
    --implicit-check-not=fastcc --implicit-check-not=coldcc "$@" "$src"
}

# Every define/declare/call/invoke/callbr line must carry graalcc, except that
# intrinsics and inline asm must not.
every_call_graalcc() {
  awk '
    !/^(define|declare) / && !/(^|[ =])(call|invoke|callbr) / { next }
    { exempt = /@llvm\./ || / asm (sideeffect |alignstack |inteldialect |unwind )*"/
      has = / graalcc / }
    exempt && has   { print FILENAME ":" FNR ": intrinsic/asm got graalcc: " $0; bad = 1 }
    !exempt && !has { print FILENAME ":" FNR ": missing graalcc: " $0; bad = 1 }
    END { exit bad }' "$1"
}

case $mode in
ir)
  out=$OUTDIR/$name-O$3.ll
  cc -fpass-plugin="$PLUGIN" -O"$3" -S -emit-llvm "$src" -o "$out" || fail "compile"
  every_call_graalcc "$out" || fail "calling conventions in $out"
  filecheck "$out" "$4" ;;
asm)
  out=$OUTDIR/$name-O$3.s
  cc -fpass-plugin="$PLUGIN" -O"$3" -S "$src" -o "$out" || fail "compile"
  if grep -nE '%r1[45]' "$out"; then fail "$out uses %r14/%r15"; fi
  if grep -q 'ASM' "$src"; then filecheck "$out" ASM; fi ;;
asm-ctl)
  out=$OUTDIR/$name-O$3-noplugin.s
  cc -O"$3" -S "$src" -o "$out" || fail "compile"
  grep -qE '%r1[45]' "$out" || fail "$out: control does not use %r14/%r15, the test proves nothing" ;;
run|run-ctl)
  exe=$OUTDIR/$name-O$3-$mode
  plugin=-fpass-plugin=$PLUGIN
  [ "$mode" = run-ctl ] && plugin=
  cc $plugin -O"$3" "$src" "$here/regcheck.S" -o "$exe" || fail "build"
  "$exe" > "$exe.out"; rc=$?
  cat "$exe.out"
  if [ "$mode" = run ]; then
    [ $rc -eq 0 ] && grep -qx PASS "$exe.out" || fail "$exe exited $rc"
  else
    [ $rc -ne 0 ] || fail "control $exe passed without the plugin, the test proves nothing"
  fi ;;
reject)
  cc -O"$3" -S "$src" -o /dev/null || fail "$src must compile without the plugin"
  err=$OUTDIR/$name-O$3.stderr
  cc -fpass-plugin="$PLUGIN" -O"$3" -S "$src" -o "$OUTDIR/$name-O$3.s" 2> "$err"; rc=$?
  cat "$err"
  [ $rc -eq 1 ] || fail "expected exit status 1 (diagnosed error), got $rc"
  filecheck "$err" ERR --implicit-check-not=error: ;;
opt)
  out=$OUTDIR/$name.ll
  "$OPT" -load-pass-plugin="$PLUGIN" -passes=sfi -S "$src" -o "$out" || fail "opt"
  every_call_graalcc "$out" || fail "calling conventions in $out"
  filecheck "$out" "$3" ;;
opt-reject)
  err=$OUTDIR/$name.stderr
  "$OPT" -load-pass-plugin="$PLUGIN" -passes=sfi -S "$src" -o /dev/null 2> "$err"; rc=$?
  cat "$err"
  [ $rc -eq 1 ] || fail "expected exit status 1 (diagnosed error), got $rc"
  filecheck "$err" ERR ;;
*) fail "unknown mode $mode" ;;
esac
