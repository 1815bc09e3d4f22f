/* Module for bench/roundtrip.c: an empty export, a callback round trip and a system call.
 * Built with `sfi-clang -O2 -shared -nostdlib` (no libc: the numbers are the transitions alone). */
long host_cb(long x); /* import: registered by the host (R21) */

long empty(void) { return 0; }

long call_cb(long x) { return host_cb(x) + 1; }

/* Rewritten by sfi-as into a call of gate 1 (R18). */
long do_syscall(long nr) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(nr) : "rcx", "r11", "memory");
    return r;
}

/* n empty calls inside the sandbox through a function pointer: the sandboxed indirect call
 * (R9 masked call + R10 return) next to the host's plain one. */
static long leaf(long x) { return x; }
long (*volatile leaf_ptr)(long) = leaf;
long loop_indirect(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) s += leaf_ptr(i);
    return s;
}
