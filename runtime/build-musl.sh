#!/bin/sh
# Builds the sandbox sysroot: Debian's musl source compiled with sfi-clang,
# sfi's overrides of the musl assembly that cannot be made safe, compiler
# builtins and sfi's start-up objects. Run by the CMake target sfi-sysroot.
#
# usage: build-musl.sh RUNTIME_SRC WORK_DIR SYSROOT SFI_CLANG AR RANLIB [TOOL...]
#
# TOOLs (sfi-as, the SfiPass plugin) are what the objects depend on besides
# the sources: when one of them (or sfi-clang) is newer than libc.a, every
# object is rebuilt, because musl's make only compares source timestamps.
#
# Incremental: the source is fetched once, configure reruns only when this
# script changes, musl's own make decides what to rebuild, and an override is
# copied only when it differs (so the file's mtime changes only then).
set -eu

rt_src=$1 work=$2 sysroot=$3 cc=$4 ar=$5 ranlib=$6
shift 6
tools="$cc $*"
jobs=$(nproc 2>/dev/null || echo 2)
mkdir -p "$work" "$sysroot"
work=$(cd "$work" && pwd)

# musl must be built against its own headers only; sfi-clang would otherwise
# pick a sysroot from the environment.
unset SFI_SYSROOT CFLAGS CPPFLAGS LDFLAGS || true

# 1. Source: `apt-get source musl` (Debian's 1.2.3 + patches).
src=$(ls -d "$work"/src/musl-*/ 2>/dev/null | head -n 1 || true)
if [ -z "$src" ] || [ ! -f "$work/src/.fetched" ]; then
	rm -rf "$work/src"
	mkdir -p "$work/src"
	(cd "$work/src" && apt-get source musl >fetch.log 2>&1) || {
		cat "$work/src/fetch.log" >&2
		echo "build-musl.sh: apt-get source musl failed (deb-src enabled? scripts/install-deps.sh)" >&2
		exit 1
	}
	touch "$work/src/.fetched"
	src=$(ls -d "$work"/src/musl-*/ | head -n 1)
fi
src=${src%/}

# 2. Overrides (runtime/musl-overrides mirrors musl's tree; each file says why).
#    musl's Makefile does not track header dependencies, so a changed
#    override (atomic_arch.h is a header) means a clean rebuild.
bld=$work/build
for f in $(cd "$rt_src/musl-overrides" && find . -type f ! -name README.md | sort); do
	if ! cmp -s "$rt_src/musl-overrides/$f" "$src/$f"; then
		echo "build-musl.sh: override $f"
		cp "$rt_src/musl-overrides/$f" "$src/$f"
		rm -rf "$bld/obj" "$bld/lib"
	fi
done

for t in $tools; do
	if [ -f "$bld/lib/libc.a" ] && [ "$t" -nt "$bld/lib/libc.a" ]; then
		echo "build-musl.sh: $t changed: rebuilding musl"
		rm -rf "$bld/obj" "$bld/lib" "$work/sfi-obj"
		break
	fi
done

# 3. Configure out of tree, with sfi-clang as a drop-in CC.
mkdir -p "$bld"
if [ ! -f "$bld/config.mak" ] || [ "$0" -nt "$bld/config.mak" ]; then
	rm -rf "$bld/obj" "$bld/lib" # flags may have changed: musl's make would not notice
	(cd "$bld" && "$src/configure" --target=x86_64 --prefix="$sysroot" \
		--disable-shared CC="$cc" AR="$ar" RANLIB="$ranlib" \
		>configure.log 2>&1) || {
		cat "$bld/configure.log" >&2
		echo "build-musl.sh: musl's configure failed with CC=$cc" >&2
		exit 1
	}
fi

# 4. Build and install headers, libc.a and musl's crt objects.
make -C "$bld" -j"$jobs" >"$bld/make.log" 2>&1 || {
	tail -n 40 "$bld/make.log" >&2
	echo "build-musl.sh: musl's make failed (full log: $bld/make.log)" >&2
	exit 1
}
make -C "$bld" install >"$bld/install.log" 2>&1 || {
	tail -n 20 "$bld/install.log" >&2
	exit 1
}

# 5. sfi's own objects, now that the sysroot has headers: compiler builtins
#    and the start-up files (docs/runtime.md). Rebuilt when a source is newer.
obj=$work/sfi-obj
mkdir -p "$obj"
newer() { # newer OUT IN...: true if OUT is missing or older than one of IN
	out=$1
	shift
	[ -f "$out" ] || return 0
	for i in "$@"; do [ "$i" -nt "$out" ] && return 0; done
	return 1
}
sfi_cc() { # sfi_cc OUT SRC
	if newer "$1" "$2" "$0" $tools; then
		echo "build-musl.sh: CC $2"
		"$cc" --sfi-sysroot="$sysroot" -O2 -std=c11 -Wall -Wextra -Werror \
			-ffreestanding -fno-stack-protector -c "$2" -o "$1"
	fi
}

objs=
for f in "$rt_src"/builtins/*.c; do
	o=$obj/builtins-$(basename "$f" .c).o
	sfi_cc "$o" "$f"
	objs="$objs $o"
done
# The driver links <sysroot>/lib/libclang_rt.builtins-x86_64.a (driver/link.c).
lib=$sysroot/lib/libclang_rt.builtins-x86_64.a
if newer "$lib" $objs; then
	rm -f "$lib"
	"$ar" rc "$lib" $objs
	"$ranlib" "$lib"
fi
ln -sf libclang_rt.builtins-x86_64.a "$sysroot/lib/libsfi_builtins.a"

# Start-up: crt1.o replaces musl's (which would be entered at _start with the
# kernel's stack layout); sfi-plugin-crt.o is the -shared start file.
for f in crt1 sfi-plugin-crt; do
	o=$obj/$f.o
	sfi_cc "$o" "$rt_src/crt/$f.c"
	if ! cmp -s "$o" "$sysroot/lib/$f.o"; then
		cp "$o" "$sysroot/lib/$f.o"
	fi
done
# What modules depend on (tests/runtime): touched only when the sysroot changed.
if newer "$work/sysroot.stamp" "$sysroot/lib/libc.a" "$lib" "$sysroot/lib/crt1.o" \
	"$sysroot/lib/sfi-plugin-crt.o"; then
	touch "$work/sysroot.stamp"
fi
