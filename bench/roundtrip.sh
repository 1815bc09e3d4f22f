#!/bin/sh
# Builds and runs bench/roundtrip.c against a build tree (default: build-ld).
# Usage: bench/roundtrip.sh [build-dir] [iterations]
set -e
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build-ld}
cmake --build "$build" --target sfi sfi_loader_test_modules >/dev/null
out="$build/bench-roundtrip"
clang-19 -O2 -std=c11 -I"$here/../include" "$here/roundtrip.c" -o "$out" \
  "$build/loader/libsfi.a" "$build/verifier/libsfiverify.a" -lZydis -lZycore -lelf -lpthread
"$out" "$build/tests/loader/modules/basic.sfi" "${2:-1000000}"
