/* A module with libc (musl, the sandbox sysroot) for bench/instantiate.c: loading it runs the
 * plugin crt's __sfi_init (libc initialisation, constructors). Built with
 * `sfi-clang -O2 -shared`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *buf;
__attribute__((constructor)) static void init(void) { buf = malloc(4096); }

long empty(void) { return 0; }

long format(long x) { return snprintf(buf, 4096, "%ld %s", x, strerror((int)(x & 31))); }
