# Sourced by the bench/*.sh scripts. BUILD (default: <repo>/build-bench) is a CMake build tree of
# this repository; the bench programs and rt.sfi are built there (targets bench-*, bench-modules).
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
BUILD=${BUILD:-$REPO/build-bench}
bench_build() { # bench_build target...
  if [ ! -f "$BUILD/build.ninja" ] && [ ! -f "$BUILD/Makefile" ]; then
    cmake -S "$REPO" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$BUILD" --target "$@" >/dev/null
}
bench_header() { # what the machine was doing when the numbers were taken
  echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD -- 2>/dev/null || echo '+dirty')"
  echo "# machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(uname -r)"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
