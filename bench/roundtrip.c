/* Transition costs of libsfi: host->sandbox->host call of an empty export, a sandbox->host
 * callback, a syscall-gate round trip, and sandbox creation+load+destroy with a shared module.
 * Usage: roundtrip <basic.sfi from tests/loader/modules> [iterations] */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <x86intrin.h>

#include "sfi/sfi.h"

static uint64_t cb_add(sfi_sandbox *sb, sfi_callback_args *a, void *u) {
    (void)sb, (void)u;
    return a->i[0] + a->i[1];
}
static int64_t sys_zero(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *u) {
    (void)sb, (void)nr, (void)args, (void)u;
    return 0;
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s basic.sfi [iterations]\n", argv[0]);
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 1000000;
    char err[512];
    sfi_module *mod;
    if (sfi_module_open_file(argv[1], &mod, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    sfi_sandbox *sb;
    sfi_sandbox_create(NULL, &sb);
    sfi_register_callback(sb, "host_add", cb_add, NULL);
    sfi_register_callback(sb, "host_scale", cb_add, NULL);
    sfi_register_callback(sb, "host_reenter", cb_add, NULL);
    sfi_set_syscall_handler(sb, sys_zero, NULL);
    if (sfi_sandbox_load_module(sb, mod)) {
        fprintf(stderr, "%s\n", sfi_last_error(sb));
        return 1;
    }
    sfi_func answer, call_add, do_sys;
    sfi_lookup(sb, "answer", &answer);
    sfi_lookup(sb, "call_add", &call_add);
    sfi_lookup(sb, "do_syscall", &do_sys);
    sfi_value ret = {.type = SFI_TYPE_I64};
    sfi_value args2[2] = {sfi_i64(1), sfi_i64(2)};
    sfi_value args6[6] = {sfi_i64(39), sfi_i64(0), sfi_i64(0), sfi_i64(0), sfi_i64(0), sfi_i64(0)};
    /* The minimum over batches of 200 calls: robust against preemption on a busy machine. */
    struct { const char *name; sfi_func fn; sfi_value *args; size_t nargs; double best; } cases[] = {
        {"call (host->sandbox->host)", answer, NULL, 0, 1e30},
        {"call + callback (sandbox->host)", call_add, args2, 2, 1e30},
        {"call + syscall gate", do_sys, args6, 6, 1e30},
    };
    for (long batch = 0; batch < n / 200; batch++) {
        for (int c = 0; c < 3; c++) {
            uint64_t c0 = __rdtsc();
            for (int i = 0; i < 200; i++) sfi_call(sb, cases[c].fn, cases[c].args, cases[c].nargs, &ret);
            double per = (double)(__rdtsc() - c0) / 200;
            if (per < cases[c].best) cases[c].best = per;
        }
    }
    double ghz = 0;
    {
        double t0 = now_ns();
        uint64_t c0 = __rdtsc();
        while (now_ns() - t0 < 2e7) {
        }
        ghz = (double)(__rdtsc() - c0) / (now_ns() - t0);
    }
    for (int c = 0; c < 3; c++)
        printf("%-34s %8.1f cycles  %8.1f ns (best batch)\n", cases[c].name, cases[c].best,
               cases[c].best / ghz);
    printf("%-34s %8.1f cycles\n", "  callback alone", cases[1].best - cases[0].best);
    printf("%-34s %8.1f cycles\n", "  syscall gate alone", cases[2].best - cases[0].best);
    sfi_sandbox_destroy(sb);
    long m = 2000;
    double t0 = now_ns();
    for (long i = 0; i < m; i++) {
        sfi_sandbox *s;
        sfi_sandbox_create(NULL, &s);
        sfi_register_callback(s, "host_add", cb_add, NULL);
        sfi_register_callback(s, "host_scale", cb_add, NULL);
        sfi_register_callback(s, "host_reenter", cb_add, NULL);
        sfi_sandbox_load_module(s, mod);
        sfi_sandbox_destroy(s);
    }
    double t1 = now_ns();
    printf("%-34s %8.1f us\n", "create+load+init+destroy", (t1 - t0) / m / 1e3);
    sfi_module_release(mod);
    return 0;
}
