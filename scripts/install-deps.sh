#!/usr/bin/env bash
# Installs every Debian 12 package sfi needs to build and test, and enables source
# packages (deb-src) so that runtime/ can fetch musl with `apt-get source`.
# Idempotent; run as root (or with sudo available).
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  clang-19 llvm-19-dev lld-19 libclang-rt-19-dev   # compiler, MC layer, linker, sanitizers/libFuzzer
  libzydis-dev libcapstone-dev                      # verifier decoder, independent test decoder
  libelf-dev libcmocka-dev                          # loader ELF parsing, unit tests
  cmake ninja-build pkg-config dpkg-dev make        # build; dpkg-dev for apt-get source
  tcl csmith libcsmith-dev                          # tests: sqlite amalgamation, random C programs
  musl-dev                                          # tests/runtime/lua.sh, bench: native builds against the same musl
)

# deb-src: derive source entries from the binary entries already configured, so the
# same mirror is used for sources as for binaries.
enable_deb_src() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    if grep -q '^Types:.*\bdeb\b' "$f" && ! grep -q '^Types:.*deb-src' "$f"; then
      $SUDO sed -i 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb deb-src/' "$f"
      echo "install-deps: enabled deb-src in $f"
      NEED_UPDATE=1
    fi
  done
  if [ -f /etc/apt/sources.list ] && ! grep -q '^deb-src' /etc/apt/sources.list; then
    sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list | $SUDO tee /etc/apt/sources.list.d/sfi-deb-src.list >/dev/null
    NEED_UPDATE=1
  fi
}

missing() {
  local p
  for p in "${PACKAGES[@]}"; do
    [[ "$p" == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || echo "$p"
  done
}

NEED_UPDATE=0
enable_deb_src
# apt-cache knows nothing before the first update on a fresh machine.
if [ ! -d /var/lib/apt/lists ] || [ -z "$(ls /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then NEED_UPDATE=1; fi
TODO=$(missing)
if [ -n "$TODO" ] || [ "$NEED_UPDATE" = 1 ]; then
  $SUDO apt-get update -qq
fi
TODO=$(missing)
if [ -n "$TODO" ]; then
  echo "install-deps: installing" $TODO
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $TODO
fi
echo "install-deps: all packages present"
