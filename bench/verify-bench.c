/* Verifier throughput on one core (docs/performance.md, "Verifier throughput").
 *
 *   verify-bench <module.sfi | object.o> [repetitions]
 *
 * For a module (ET_DYN): times sfi_verify_module on the whole file, and sfi_verify_code on the
 * bytes of the executable PT_LOAD (with the module's image range, as the loader does).
 * For an object (ET_REL): times sfi_verify_object on the whole file, and sfi_verify_code on each
 * executable section (object mode: image_end = 0; relocated fields read as zero).
 * Each is repeated `repetitions` times (default 21) after one warm-up; the result is the median
 * wall time (CLOCK_MONOTONIC) and the median thread CPU time, and code bytes / median time in
 * MiB/s. The process should be pinned to one core by the caller (taskset). */
#include "bench.h"

#include <elf.h>

#include "sfi/verify.h"

typedef struct {
    const uint8_t *p;
    size_t len;
    uint64_t vaddr;
} region;

static double cpu_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Wall time (CLOCK_MONOTONIC) and this thread's CPU time (CLOCK_THREAD_CPUTIME_ID: what one core
 * did, insensitive to other processes taking the CPU away on a shared machine). */
static void run(const char *name, long reps, uint64_t code_bytes,
                sfi_verify_status (*fn)(void *), void *arg) {
    double *t = calloc((size_t)reps, sizeof(double)), *c = calloc((size_t)reps, sizeof(double));
    for (long i = -1; i < reps; i++) {
        double t0 = now_ns(), c0 = cpu_ns();
        fn(arg);
        double c1 = cpu_ns(), t1 = now_ns();
        if (i >= 0) t[i] = t1 - t0, c[i] = c1 - c0;
    }
    double m = median(t, (size_t)reps), mc = median(c, (size_t)reps);
    double mib = (double)code_bytes / (1024.0 * 1024.0);
    printf("%-26s wall %8.2f ms [%7.2f, %7.2f] %7.1f MiB/s | cpu %8.2f ms %7.1f MiB/s  (%" PRIu64
           " code bytes)\n",
           name, m / 1e6, percentile(t, (size_t)reps, 0.1) / 1e6,
           percentile(t, (size_t)reps, 0.9) / 1e6, mib / (m / 1e9), mc / 1e6, mib / (mc / 1e9),
           code_bytes);
    free(t);
    free(c);
}

static const uint8_t *g_file;
static size_t g_size;
static region g_reg[64];
static int g_nreg;
static uint64_t g_img_start, g_img_end;
static sfi_verify_result g_res;
static sfi_verify_stats g_code_stats;
static size_t g_code_viol;

static sfi_verify_status do_module(void *a) {
    (void)a;
    sfi_verify_status s = sfi_verify_module(g_file, g_size, NULL, &g_res);
    sfi_verify_result_free(&g_res);
    return s;
}
static sfi_verify_status do_object(void *a) {
    (void)a;
    sfi_verify_status s = sfi_verify_object(g_file, g_size, NULL, &g_res);
    sfi_verify_result_free(&g_res);
    return s;
}
static sfi_verify_status do_code(void *a) {
    (void)a;
    sfi_verify_config cfg = {.policy = SFI_POLICY_LOADS_STORES,
                             .image_start = g_img_start,
                             .image_end = g_img_end,
                             .max_violations = 1000000};
    sfi_verify_status s = SFI_VERIFY_OK;
    memset(&g_code_stats, 0, sizeof g_code_stats);
    g_code_viol = 0;
    for (int i = 0; i < g_nreg; i++) {
        sfi_verify_result r;
        sfi_verify_status si = sfi_verify_code(g_reg[i].p, g_reg[i].len, g_reg[i].vaddr, &cfg, &r);
        if (si > s) s = si;
        g_code_stats.code_bytes += r.stats.code_bytes;
        g_code_stats.instructions += r.stats.instructions;
        g_code_stats.verify_ns += r.stats.verify_ns;
        g_code_viol += r.n_violations;
        sfi_verify_result_free(&r);
    }
    return s;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s module.sfi|object.o [repetitions]\n", argv[0]);
        return 2;
    }
    long reps = argc > 2 ? atol(argv[2]) : 21;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    g_size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(g_size);
    if (fread(buf, 1, g_size, f) != g_size) {
        perror("read");
        return 1;
    }
    fclose(f);
    g_file = buf;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;
    if (g_size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
        fprintf(stderr, "%s: not ELF\n", argv[1]);
        return 1;
    }
    int is_obj = eh->e_type == ET_REL;
    uint64_t code_bytes = 0;
    if (is_obj) {
        const Elf64_Shdr *sh = (const Elf64_Shdr *)(buf + eh->e_shoff);
        for (int i = 0; i < eh->e_shnum && g_nreg < 64; i++)
            if (sh[i].sh_type == SHT_PROGBITS && (sh[i].sh_flags & SHF_EXECINSTR) && sh[i].sh_size) {
                g_reg[g_nreg++] = (region){buf + sh[i].sh_offset, sh[i].sh_size, 0};
                code_bytes += sh[i].sh_size;
            }
        g_img_start = g_img_end = 0; /* object mode */
    } else {
        const Elf64_Phdr *ph = (const Elf64_Phdr *)(buf + eh->e_phoff);
        g_img_start = UINT64_MAX;
        for (int i = 0; i < eh->e_phnum; i++) {
            if (ph[i].p_type != PT_LOAD) continue;
            if (ph[i].p_vaddr < g_img_start) g_img_start = ph[i].p_vaddr;
            if (ph[i].p_vaddr + ph[i].p_memsz > g_img_end) g_img_end = ph[i].p_vaddr + ph[i].p_memsz;
            if ((ph[i].p_flags & PF_X) && g_nreg < 64) {
                g_reg[g_nreg++] = (region){buf + ph[i].p_offset, ph[i].p_filesz, ph[i].p_vaddr};
                code_bytes += ph[i].p_filesz;
            }
        }
    }
    print_machine();
    printf("# %s: %s, %zu bytes file, %" PRIu64 " code bytes in %d region(s); %ld repetitions; "
           "median [p10, p90]\n",
           argv[1], is_obj ? "object (ET_REL)" : "module (ET_DYN)", g_size, code_bytes, g_nreg, reps);
    /* one checked run first: the verdict and the verifier's own statistics */
    sfi_verify_status vs = is_obj ? sfi_verify_object(buf, g_size, NULL, &g_res)
                                  : sfi_verify_module(buf, g_size, NULL, &g_res);
    sfi_verify_stats st = g_res.stats;
    printf("# verdict %s: %zu violations; %" PRIu64 " instructions, %" PRIu64 " bundles, %" PRIu64
           " masked accesses; verifier's own verify_ns %.2f ms\n",
           vs == SFI_VERIFY_OK ? "OK" : vs == SFI_VERIFY_REJECTED ? "REJECTED" : "BAD_INPUT",
           g_res.n_violations, st.instructions, st.bundles, st.masked_accesses, st.verify_ns / 1e6);
    if (g_res.n_violations && g_res.violations && g_res.capacity)
        printf("# first violation: R%u at 0x%" PRIx64 ": %s (%s)\n", g_res.violations[0].rule,
               g_res.violations[0].vaddr, g_res.violations[0].message, g_res.violations[0].text);
    if (vs == SFI_VERIFY_BAD_INPUT) printf("# error: %s\n", g_res.error);
    sfi_verify_result_free(&g_res);

    if (is_obj)
        run("sfi_verify_object(file)", reps, code_bytes, do_object, NULL);
    else
        run("sfi_verify_module(file)", reps, code_bytes, do_module, NULL);
    run("sfi_verify_code(text)", reps, code_bytes, do_code, NULL);
    printf("# sfi_verify_code: %" PRIu64 " instructions, %zu violations%s\n",
           g_code_stats.instructions, g_code_viol,
           is_obj ? " (object mode: relocated branch fields read as 0, so some may be spurious)"
                  : "");
    free(buf);
    return 0;
}
