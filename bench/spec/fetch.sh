#!/bin/bash
# usage: bench/spec/fetch.sh SRCDIR [package...]
# Downloads and unpacks Debian source packages with `apt-get source` (deb-src must be enabled;
# the mirror is whatever apt is configured with — no host names here). Idempotent: a package whose
# unpacked directory already exists is skipped. Fallbacks (seen on this mirror, from
# /work/shared/bench-survey/fetch.sh): an index entry whose version is absent -> the oldest listed
# version; a missing .debian.tar.xz -> the upstream orig tarball without Debian patches.
set -u
S=${1:?usage: fetch.sh SRCDIR [package...]}; shift
mkdir -p "$S" && cd "$S"
PKGS=${*:-"bzip2 xz-utils sqlite3"}
for p in $PKGS; do
  if ls -d "$p"-*/ >/dev/null 2>&1; then echo "have $p"; continue; fi
  if apt-get source -q "$p" >"fetch-$p.log" 2>&1; then echo "ok   $p"; continue; fi
  v=$(apt-cache showsrc "$p" | awk '/^Version:/{print $2}' | sort -V | head -n 1)
  if apt-get source -q "$p=$v" >>"fetch-$p.log" 2>&1; then echo "ok   $p=$v"; continue; fi
  o=$(ls "${p}"_*.orig.tar.* 2>/dev/null | head -n 1)
  if [ -n "$o" ]; then tar xf "$o" && echo "orig $p ($o, Debian patches NOT applied)"; else echo "FAIL $p (see $S/fetch-$p.log)"; exit 1; fi
done
