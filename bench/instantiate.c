/* Instantiation cost (docs/performance.md, "Instantiation").
 *
 *   instantiate <module.sfi> [iterations] [open-iterations] [readonly_data] [noposix] [cold] [fresh]
 *
 * 1. sfi_module_open_file (read + verify + parse), `open-iterations` times, median.
 * 2. With that one opened module: sfi_sandbox_create + sfi_sandbox_load_module +
 *    sfi_sandbox_destroy, `iterations` times; median of the total and of each step, each timed
 *    on its own with CLOCK_MONOTONIC.
 * 3. sfi_sandbox_reset of a loaded sandbox (the way back after a fault), median.
 * The module's imports, if any, are bound to a dummy callback. Its system calls (musl's init in
 * __sfi_init sets the thread pointer with arch_prctl) go to runtime/'s libsfi_posix when this
 * program is built with it (BENCH_HAVE_POSIX): sfi_posix_create before the load and
 * sfi_posix_destroy before the destroy are then part of the instance and of the timings
 * ("sandbox_create" includes sfi_posix_create, "sandbox_destroy" sfi_posix_destroy). Without
 * it, or with the argument "noposix", libsfi's default handler answers -ENOSYS, which is enough
 * only for modules without libc. "readonly_data" sets sfi_options.readonly_data (the classic
 * slot layout, docs/sandbox-abi.md R2). "cold": the iterations alternate between two opened
 * copies of the module, so that no load finds its slot warm for its module (libsfi keeps a
 * destroyed sandbox's slot mapped for the same module): every load finds its slot warm for the
 * other copy and maps only what differs (the code). "fresh": before the loop, 64 other slots are
 * made warm (libsfi keeps at most 64), so that every load gets a slot with nothing mapped and
 * every destroy clears it: the cost of a new slot. */
#include "bench.h"

#include <elf.h>

#include "sfi/sfi.h"
#ifdef BENCH_HAVE_POSIX
#include "sfi/posix.h" /* runtime/: the system-call layer a module with libc needs */
#endif

static uint64_t cb_dummy(sfi_sandbox *sb, sfi_callback_args *a, void *u) {
    (void)sb, (void)a, (void)u;
    return 0;
}

/* Names of the module's imports: .dynsym objects named __sfi_import__<name> (R21). */
static char **imports_of(const char *path, int *n) {
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)sz);
    if (fread(b, 1, (size_t)sz, f) != (size_t)sz) sz = 0;
    fclose(f);
    char **out = calloc(256, sizeof(char *));
    if (sz < (long)sizeof(Elf64_Ehdr)) return out;
    Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
    Elf64_Shdr *sh = (Elf64_Shdr *)(b + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_DYNSYM) continue;
        Elf64_Sym *sym = (Elf64_Sym *)(b + sh[i].sh_offset);
        const char *str = (const char *)(b + sh[sh[i].sh_link].sh_offset);
        for (size_t k = 0; k < sh[i].sh_size / sizeof *sym && *n < 256; k++)
            if (!strncmp(str + sym[k].st_name, "__sfi_import__", 14))
                out[(*n)++] = strdup(str + sym[k].st_name + 14);
    }
    free(b);
    return out;
}

static void die(const char *what, sfi_status s, sfi_sandbox *sb) {
    fprintf(stderr, "%s: %s: %s\n", what, sfi_strerror(s), sfi_last_error(sb));
    exit(1);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s module.sfi [iterations] [open-iterations] [readonly_data] [noposix] [cold] [fresh]\n",
                argv[0]);
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 5001;
    long nopen = argc > 3 ? atol(argv[3]) : 201;
    sfi_options opt;
    sfi_options_init(&opt);
    int use_posix = 1, cold = 0, fresh = 0;
    for (int k = 4; k < argc; k++) {
        if (!strcmp(argv[k], "readonly_data")) opt.readonly_data = 1;
        else if (!strcmp(argv[k], "noposix")) use_posix = 0;
        else if (!strcmp(argv[k], "cold")) cold = 1;
        else if (!strcmp(argv[k], "fresh")) fresh = 1;
    }
#ifndef BENCH_HAVE_POSIX
    use_posix = 0;
#endif
    int nimp;
    char **imp = imports_of(argv[1], &nimp);
    char err[512];
    sfi_runtime_init(NULL);

    double *t_open = calloc((size_t)nopen, sizeof(double));
    sfi_module *mod = NULL;
    for (long i = -1; i < nopen; i++) { /* i = -1: warm-up (page cache, lazy binding) */
        sfi_module *m;
        double t0 = now_ns();
        if (sfi_module_open_file(argv[1], &m, err, sizeof err)) {
            fprintf(stderr, "%s: %s\n", argv[1], err);
            return 1;
        }
        double t1 = now_ns();
        if (i >= 0) t_open[i] = (t1 - t0) / 1e3;
        if (mod) sfi_module_release(mod);
        mod = m;
    }
    sfi_module *other = NULL; /* "cold": a second copy, a different module to libsfi */
    if (cold && sfi_module_open_file(argv[1], &other, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 1;
    }

    if (fresh) { /* slot 0 stays empty, slots 1..64 end up warm: the lowest free slot is cold */
        enum { NWARM = 64 };
        sfi_sandbox *hold[NWARM + 1];
        sfi_status s;
        for (int k = 0; k <= NWARM; k++) {
            if ((s = sfi_sandbox_create(&opt, &hold[k]))) die("sfi_sandbox_create", s, NULL);
            for (int j = 0; k && j < nimp; j++) sfi_register_callback(hold[k], imp[j], cb_dummy, NULL);
            if (k && (s = sfi_sandbox_load_module(hold[k], mod))) die("sfi_sandbox_load_module", s, hold[k]);
        }
        for (int k = NWARM; k >= 0; k--) sfi_sandbox_destroy(hold[k]);
    }
    double *t_all = calloc((size_t)n, sizeof(double)), *t_cr = calloc((size_t)n, sizeof(double));
    double *t_ld = calloc((size_t)n, sizeof(double)), *t_de = calloc((size_t)n, sizeof(double));
    long warm = n / 10 + 1;
    for (long i = -warm; i < n; i++) {
        sfi_sandbox *sb;
        sfi_status s;
        double t0 = now_ns();
        if ((s = sfi_sandbox_create(&opt, &sb))) die("sfi_sandbox_create", s, NULL);
#ifdef BENCH_HAVE_POSIX
        sfi_posix *px = use_posix ? sfi_posix_create(sb) : NULL;
        if (use_posix && !px) die("sfi_posix_create", SFI_ERR_NOMEM, sb);
#endif
        double t1 = now_ns();
        for (int k = 0; k < nimp; k++) sfi_register_callback(sb, imp[k], cb_dummy, NULL);
        double t2 = now_ns();
        if ((s = sfi_sandbox_load_module(sb, other && (i & 1) ? other : mod)))
            die("sfi_sandbox_load_module", s, sb);
        double t3 = now_ns();
#ifdef BENCH_HAVE_POSIX
        if (px) sfi_posix_destroy(px);
#endif
        if ((s = sfi_sandbox_destroy(sb))) die("sfi_sandbox_destroy", s, sb);
        double t4 = now_ns();
        if (i >= 0) {
            t_cr[i] = (t1 - t0) / 1e3;
            t_ld[i] = (t3 - t2) / 1e3;
            t_de[i] = (t4 - t3) / 1e3;
            t_all[i] = (t4 - t0 - (t2 - t1)) / 1e3;
        }
    }

    long nreset = n < 1001 ? n : 1001;
    double *t_rs = calloc((size_t)nreset, sizeof(double));
    {
        sfi_sandbox *sb;
        sfi_status s;
        if ((s = sfi_sandbox_create(&opt, &sb))) die("sfi_sandbox_create", s, NULL);
        for (int k = 0; k < nimp; k++) sfi_register_callback(sb, imp[k], cb_dummy, NULL);
#ifdef BENCH_HAVE_POSIX
        sfi_posix *px = use_posix ? sfi_posix_create(sb) : NULL;
#endif
        if ((s = sfi_sandbox_load_module(sb, mod))) die("sfi_sandbox_load_module", s, sb);
        for (long i = -10; i < nreset; i++) {
            double t0 = now_ns();
#ifdef BENCH_HAVE_POSIX /* posix.h: after a reset, destroy the layer and create a new one */
            if (px) {
                sfi_posix_destroy(px);
                px = sfi_posix_create(sb);
            }
#endif
            if ((s = sfi_sandbox_reset(sb))) die("sfi_sandbox_reset", s, sb);
            double t1 = now_ns();
            if (i >= 0) t_rs[i] = (t1 - t0) / 1e3;
        }
#ifdef BENCH_HAVE_POSIX
        if (px) sfi_posix_destroy(px);
#endif
        sfi_sandbox_destroy(sb);
    }

    print_machine();
    FILE *f = fopen(argv[1], "rb");
    long fsz = 0;
    if (f) {
        fseek(f, 0, SEEK_END);
        fsz = ftell(f);
        fclose(f);
    }
    printf("# module %s: %ld bytes, %d imports; system calls: %s; layout: %s%s; medians [p10, p90] "
           "in microseconds\n", argv[1], fsz, nimp,
           use_posix ? "libsfi_posix" : "libsfi default handler",
           opt.readonly_data ? "classic (readonly_data)" : "default (compact)",
           cold ? ", cold slots (two module copies alternating)" : fresh ? ", fresh slots (nothing mapped)" : "");
#define ROW(name, v, cnt, what)                                                                   \
    do {                                                                                          \
        double m_ = median(v, (size_t)(cnt));                                                     \
        printf("%-22s %9.2f us [%8.2f, %8.2f]  n=%ld  %s\n", name, m_, percentile(v, (size_t)(cnt), 0.1), \
               percentile(v, (size_t)(cnt), 0.9), (long)(cnt), what);                             \
    } while (0)
    ROW("module_open_file", t_open, nopen, "read + verify + parse (once per module)");
    ROW("create+load+destroy", t_all, n, "per sandbox, module already open");
    ROW("  sandbox_create", t_cr, n, "");
    ROW("  sandbox_load_module", t_ld, n, "map + relocate + bind + __sfi_init");
    ROW("  sandbox_destroy", t_de, n, "");
    ROW("sandbox_reset", t_rs, nreset, "loaded sandbox back to a fresh instance");
    sfi_module_release(mod);
    if (other) sfi_module_release(other);
    return 0;
}
