#!/usr/bin/env bash
# The README's demo command: on a fresh Debian 12 machine, installs what is missing, builds sfi,
# compiles an untrusted plugin with sfi-clang, verifies it with sfi-verify and calls it from a
# host application that embeds libsfi.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD=${SFI_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target sfi-clang sfi-as SfiPass sfi-verify sfi-sysroot wordfreq-host

run() { printf '\n$ %s\n' "$*"; "$@"; }
PLUGIN="$BUILD/examples/wordfreq.sfi"
run "$BUILD/driver/sfi-clang" -O2 -shared examples/plugin/wordfreq.c -o "$PLUGIN"
run "$BUILD/verifier/sfi-verify" --stats "$PLUGIN"
run "$BUILD/examples/wordfreq-host" "$PLUGIN" README.md
