/* Shared helpers of the bench/ programs: serialized TSC reads, a TSC-frequency estimate,
 * medians and the machine line. Header-only; every bench program is one .c file. */
#ifndef SFI_BENCH_H
#define SFI_BENCH_H

#define _GNU_SOURCE
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

/* lfence; rdtsc; lfence — nothing before or after moves across the read. */
static inline uint64_t tsc_begin(void) {
    _mm_lfence();
    uint64_t t = __rdtsc();
    _mm_lfence();
    return t;
}
/* rdtscp waits for everything before it; the lfence keeps later work after it. */
static inline uint64_t tsc_end(void) {
    unsigned aux;
    uint64_t t = __rdtscp(&aux);
    _mm_lfence();
    return t;
}

static inline double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* TSC ticks per nanosecond, measured against CLOCK_MONOTONIC over ~200 ms. */
static inline double tsc_per_ns(void) {
    double t0 = now_ns();
    uint64_t c0 = tsc_begin();
    while (now_ns() - t0 < 2e8) {
    }
    double t1 = now_ns();
    uint64_t c1 = tsc_end();
    return (double)(c1 - c0) / (t1 - t0);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
/* Sorts v in place. */
static inline double median(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
static inline double percentile(double *v, size_t n, double p) { /* v sorted */
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

static inline void print_machine(void) {
    char line[256], model[256] = "?";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        while (fgets(line, sizeof line, f))
            if (!strncmp(line, "model name", 10)) {
                char *c = strchr(line, ':');
                if (c) {
                    snprintf(model, sizeof model, "%s", c + 2);
                    model[strcspn(model, "\n")] = 0;
                }
                break;
            }
        fclose(f);
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    printf("# machine: %ld CPUs, %s\n", n, model);
}

#endif
