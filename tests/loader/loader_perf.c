/* sfi-loader-perf: a measuring tool for libsfi (not a test; nothing here is timed by ctest).
 *
 *   sfi-loader-perf rt   [module] [samples] [batch]   transition costs
 *   sfi-loader-perf maps [module] [n]                 kernel mappings (VMAs) per live sandbox
 *
 * module defaults to the test module basic.sfi. `rt` times batches of `batch` back-to-back
 * sfi_call()s with lfence;rdtsc / rdtscp;lfence and prints, per operation, the minimum and the
 * median over `samples` batches in TSC ticks: an empty export (answer), an export that makes one
 * callback (call_add -> host_add), one that makes one rewritten syscall (do_syscall, gate 1),
 * and a plain host indirect call for scale. Pin it (taskset -c 1) on a loaded machine.
 * `maps` loads the module into n sandboxes (one shared sfi_module), counts the lines of
 * /proc/self/maps before and after, prints mappings per sandbox, the resulting maximum at the
 * current vm.max_map_count, and one sandbox's mappings. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86intrin.h>

#include "sfi/sfi.h"

#ifndef SFI_TEST_MODULE_DIR
#define SFI_TEST_MODULE_DIR "."
#endif

static uint64_t host_add(sfi_sandbox *sb, sfi_callback_args *a, void *u) {
    (void)sb, (void)u;
    return a->i[0] + a->i[1];
}
static uint64_t host_other(sfi_sandbox *sb, sfi_callback_args *a, void *u) {
    (void)sb, (void)a, (void)u;
    return 0;
}
static int64_t sys_zero(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *u) {
    (void)sb, (void)nr, (void)args, (void)u;
    return 0;
}
__attribute__((noinline)) static long host_empty(long x) {
    __asm__ volatile("" ::: "memory");
    return x;
}
static long (*volatile host_ptr)(long) = host_empty;

static void die(const char *what, sfi_sandbox *sb) {
    fprintf(stderr, "%s: %s\n", what, sfi_last_error(sb));
    exit(1);
}

/* NULL on failure if soft, else exits. */
static sfi_sandbox *make_soft(sfi_module *m, int soft) {
    sfi_sandbox *sb;
    if (sfi_sandbox_create(NULL, &sb)) {
        if (soft) return NULL;
        die("create", NULL);
    }
    const char *names[] = {"host_add", "host_scale", "host_reenter", "host_cb"};
    for (int i = 0; i < 4; i++) sfi_register_callback(sb, names[i], i ? host_other : host_add, NULL);
    sfi_set_syscall_handler(sb, sys_zero, NULL);
    if (sfi_sandbox_load_module(sb, m)) {
        if (!soft) die("load", sb);
        fprintf(stderr, "load failed: %s\n", sfi_last_error(sb));
        sfi_sandbox_destroy(sb);
        return NULL;
    }
    return sb;
}
static sfi_sandbox *make(sfi_module *m) { return make_soft(m, 0); }

static inline uint64_t t_begin(void) {
    _mm_lfence();
    uint64_t t = __rdtsc();
    _mm_lfence();
    return t;
}
static inline uint64_t t_end(void) {
    unsigned a;
    uint64_t t = __rdtscp(&a);
    _mm_lfence();
    return t;
}
static int cmpd(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int rt(sfi_module *m, long samples, long batch) {
    sfi_sandbox *sb = make(m);
    sfi_func f_empty, f_cb, f_sys;
    if (sfi_lookup(sb, "answer", &f_empty) || sfi_lookup(sb, "call_add", &f_cb) ||
        sfi_lookup(sb, "do_syscall", &f_sys))
        die("lookup", sb);
    enum { HOST, EMPTY, CB, SYS, N };
    const char *name[N] = {"host_indirect", "call_empty", "call_callback", "call_syscall"};
    double *v[N];
    for (int o = 0; o < N; o++) v[o] = calloc((size_t)samples, sizeof(double));
    sfi_value ret = {.type = SFI_TYPE_I64}, a2[2] = {sfi_i64(1), sfi_i64(2)}, asys = sfi_i64(39);
    sfi_status s = SFI_OK;
    for (long r = -samples / 10 - 1; r < samples; r++) {
        for (int o = 0; o < N; o++) {
            uint64_t c0 = t_begin();
            switch (o) {
            case HOST: for (long i = 0; i < batch; i++) host_ptr(i); break;
            case EMPTY: for (long i = 0; i < batch; i++) s |= sfi_call(sb, f_empty, NULL, 0, &ret); break;
            case CB: for (long i = 0; i < batch; i++) s |= sfi_call(sb, f_cb, a2, 2, &ret); break;
            case SYS: for (long i = 0; i < batch; i++) s |= sfi_call(sb, f_sys, &asys, 1, &ret); break;
            }
            uint64_t c1 = t_end();
            if (s) die(name[o], sb);
            if (r >= 0) v[o][r] = (double)(c1 - c0) / (double)batch;
        }
    }
    double med[N];
    printf("# TSC ticks per operation, %ld batches of %ld; load average %s", samples, batch, "");
    FILE *la = fopen("/proc/loadavg", "r");
    char line[128] = "?\n";
    if (la) {
        if (!fgets(line, sizeof line, la)) strcpy(line, "?\n");
        fclose(la);
    }
    fputs(line, stdout);
    for (int o = 0; o < N; o++) {
        qsort(v[o], (size_t)samples, sizeof(double), cmpd);
        med[o] = v[o][samples / 2];
        printf("%-14s min %7.1f  median %7.1f\n", name[o], v[o][0], med[o]);
    }
    printf("%-14s median %7.1f\n%-14s median %7.1f\n", "d_callback", med[CB] - med[EMPTY], "d_syscall",
           med[SYS] - med[EMPTY]);
    sfi_sandbox_destroy(sb);
    return 0;
}

static long count_maps(void) {
    FILE *f = fopen("/proc/self/maps", "r");
    long n = 0;
    int c;
    if (!f) return -1;
    while ((c = fgetc(f)) != EOF) n += c == '\n';
    fclose(f);
    return n;
}

static int maps(sfi_module *m, long n) {
    sfi_sandbox **v = calloc((size_t)n, sizeof *v);
    sfi_sandbox *warm = make(m); /* first slot chunk, first-thread state */
    long before = count_maps();
    for (long i = 0; i < n; i++)
        if (!(v[i] = make_soft(m, 1))) {
            printf("sandbox %ld of %ld failed to load: the limit is %ld live sandboxes (+1 warm-up)\n", i + 1, n, i);
            n = i;
            break;
        }
    if (!n) return 1;
    long after = count_maps();
    long maxmap = 65530;
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    if (f) {
        if (fscanf(f, "%ld", &maxmap) != 1) maxmap = 65530;
        fclose(f);
    }
    double per = (double)(after - before) / (double)n;
    printf("%ld sandboxes: %ld mappings before, %ld after: %.2f per sandbox; vm.max_map_count %ld "
           "allows about %.0f live sandboxes\n", n, before, after, per, maxmap,
           per > 0 ? (double)(maxmap - before) / per : 0.0);
    uint64_t B = sfi_sandbox_base(v[n / 2]);
    printf("# mappings of one sandbox (B = 0x%llx):\n", (unsigned long long)B);
    f = fopen("/proc/self/maps", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        uint64_t lo = strtoull(line, NULL, 16), hi = strtoull(strchr(line, '-') + 1, NULL, 16);
        if (hi > B && lo < B + (UINT64_C(1) << 32)) printf("  +%-10llx %s", (unsigned long long)(lo > B ? lo - B : 0), line);
    }
    if (f) fclose(f);
    for (long i = 0; i < n; i++) sfi_sandbox_destroy(v[i]);
    sfi_sandbox_destroy(warm);
    return 0;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "rt";
    const char *path = argc > 2 && argv[2][0] ? argv[2] : SFI_TEST_MODULE_DIR "/basic.sfi";
    char err[512];
    sfi_module *m;
    if (sfi_module_open_file(path, &m, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", path, err);
        return 1;
    }
    if (!strcmp(mode, "rt")) return rt(m, argc > 3 ? atol(argv[3]) : 1001, argc > 4 ? atol(argv[4]) : 200);
    if (!strcmp(mode, "maps")) return maps(m, argc > 3 ? atol(argv[3]) : 200);
    fprintf(stderr, "usage: %s rt|maps [module] [samples [batch] | n]\n", argv[0]);
    return 2;
}
