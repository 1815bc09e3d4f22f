#!/usr/bin/env bash
# The README's test command: installs what a fresh Debian 12 machine lacks, builds every
# component and runs the whole test suite (ctest).
#   bash scripts/test.sh            # build dir: ./build
#   SFI_BUILD_DIR=/tmp/b bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD=${SFI_BUILD_DIR:-build}
JOBS=${SFI_JOBS:-$(nproc)}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD" -j "$JOBS"
ctest --test-dir "$BUILD" -j "$JOBS" --output-on-failure --timeout 600
