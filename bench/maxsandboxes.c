/* How many sandboxes can be live at once in one process (docs/performance.md, "Max live
 * sandboxes").
 *
 *   maxsandboxes <module.sfi> [cap] [readonly_data]
 *
 * Opens the module once, then creates + loads sandboxes (default options; with a third argument
 * "readonly_data", sfi_options.readonly_data: the classic slot layout) until a call fails or
 * `cap` (default 20000) are live. Prints the count, the failing call with its status and
 * message, vm.max_map_count, the number of /proc/self/maps lines per live sandbox and the memory
 * the process holds (VmRSS, VmPTE from /proc/self/status). Changes no system setting. */
#include "bench.h"

#include "sfi/sfi.h"

static long count_maps(void) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return -1;
    long n = 0;
    int c;
    while ((c = getc(f)) != EOF)
        if (c == '\n') n++;
    fclose(f);
    return n;
}

static void status_line(const char *key, char *out, size_t len) {
    char line[256];
    snprintf(out, len, "?");
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, strlen(key))) {
            char *p = line + strlen(key);
            while (*p == ' ' || *p == '\t' || *p == ':') p++;
            p[strcspn(p, "\n")] = 0;
            snprintf(out, len, "%s", p);
        }
    fclose(f);
}

static long read_long(const char *path) {
    FILE *f = fopen(path, "r");
    long v = -1;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1) v = -1;
        fclose(f);
    }
    return v;
}

/* The /proc/self/maps lines inside [lo, hi): what one sandbox costs in mappings. */
static void print_maps_in(uint64_t lo, uint64_t hi) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    if (!f) return;
    while (fgets(line, sizeof line, f)) {
        unsigned long long a, b;
        if (sscanf(line, "%llx-%llx", &a, &b) == 2 && a < hi && b > lo)
            printf("#   %s", line);
    }
    fclose(f);
}

static uint64_t cb_dummy(sfi_sandbox *sb, sfi_callback_args *a, void *u) {
    (void)sb, (void)a, (void)u;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s module.sfi [cap] [readonly_data]\n", argv[0]);
        return 2;
    }
    long cap = argc > 2 ? atol(argv[2]) : 20000;
    sfi_options opt;
    sfi_options_init(&opt);
    opt.readonly_data = argc > 3 && !strcmp(argv[3], "readonly_data");
    char err[512];
    sfi_module *mod;
    if (sfi_module_open_file(argv[1], &mod, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 1;
    }
    sfi_sandbox **sbs = calloc((size_t)cap, sizeof *sbs);
    sfi_runtime_init(NULL);
    /* One call before the loop: libsfi's per-thread setup (signal stack) happens on a thread's
     * first call, and must not compete with the sandboxes for mappings. */
    {
        sfi_sandbox *w;
        uint64_t r;
        if (sfi_sandbox_create(&opt, &w) || sfi_register_callback(w, "host_cb", cb_dummy, NULL) ||
            sfi_sandbox_load_module(w, mod) || sfi_call_u64(w, "empty", 0, NULL, &r)) {
            fprintf(stderr, "warm-up sandbox: %s\n", sfi_last_error(NULL));
            return 1;
        }
        sfi_sandbox_destroy(w);
    }
    long maps0 = count_maps(), maps_at[3] = {0}, at[3] = {1, 100, 1000};
    const char *failed = NULL;
    sfi_status st = SFI_OK;
    char msg[512] = "";
    long n = 0;
    double t0 = now_ns();
    while (n < cap) {
        sfi_sandbox *sb;
        st = sfi_sandbox_create(&opt, &sb);
        if (st) {
            failed = "sfi_sandbox_create";
            snprintf(msg, sizeof msg, "%s", sfi_last_error(NULL));
            break;
        }
        sfi_register_callback(sb, "host_cb", cb_dummy, NULL);
        st = sfi_sandbox_load_module(sb, mod);
        if (st) {
            failed = "sfi_sandbox_load_module";
            snprintf(msg, sizeof msg, "%s", sfi_last_error(sb));
            sfi_sandbox_destroy(sb);
            break;
        }
        sbs[n++] = sb;
        if (n == 2) { /* the second: its neighbours are sandboxes, not the pool's edge */
            uint64_t b = sfi_sandbox_base(sb);
            printf("# mappings of sandbox 2 (base 0x%llx) and its guards:\n", (unsigned long long)b);
            print_maps_in(b - 0x10000, b + (UINT64_C(1) << 32) + 0x10000);
        }
        for (int k = 0; k < 3; k++)
            if (n == at[k]) maps_at[k] = count_maps();
    }
    double t1 = now_ns();
    long maps_n = count_maps();
    char rss[64], pte[64], vm[64];
    status_line("VmRSS", rss, sizeof rss);
    status_line("VmPTE", pte, sizeof pte);
    status_line("VmSize", vm, sizeof vm);

    /* every live sandbox still works */
    long bad = 0;
    char first_bad[600] = "";
    for (long i = 0; i < n; i++) {
        uint64_t r = 1;
        sfi_status cs = sfi_call_u64(sbs[i], "empty", 0, NULL, &r);
        if (cs || r != 0) {
            if (!bad++)
                snprintf(first_bad, sizeof first_bad, "sandbox %ld: %s: %s", i, sfi_strerror(cs),
                         sfi_last_error(sbs[i]));
        }
    }
    double t2 = now_ns();
    for (long i = 0; i < n; i++) sfi_sandbox_destroy(sbs[i]);
    double t3 = now_ns();

    print_machine();
    printf("# module %s, cap %ld, sfi_options: %s\n", argv[1], cap,
           opt.readonly_data ? "readonly_data (classic layout)" : "defaults (compact layout)");
    printf("live_sandboxes        %ld%s\n", n, n == cap ? " (reached the cap)" : "");
    if (failed)
        printf("failure               %s -> %s (status %d): %s\n", failed, sfi_strerror(st), (int)st,
               msg);
    printf("vm.max_map_count      %ld\n", read_long("/proc/sys/vm/max_map_count"));
    printf("maps_before           %ld\n", maps0);
    for (int k = 0; k < 3; k++)
        if (maps_at[k])
            printf("maps_at_%-5ld         %ld  (%.2f per sandbox)\n", at[k], maps_at[k],
                   (double)(maps_at[k] - maps0) / (double)at[k]);
    printf("maps_at_end           %ld  (%.2f per sandbox)\n", maps_n,
           n ? (double)(maps_n - maps0) / (double)n : 0.0);
    printf("VmSize/VmRSS/VmPTE    %s / %s / %s\n", vm, rss, pte);
    printf("create+load_avg       %.2f us\n", n ? (t1 - t0) / 1e3 / (double)n : 0.0);
    printf("call_all_live         %ld calls, %ld failed, %.2f us avg\n", n, bad,
           n ? (t2 - t1) / 1e3 / (double)n : 0.0);
    if (bad) printf("first_failed_call     %s\n", first_bad);
    printf("destroy_avg           %.2f us\n", n ? (t3 - t2) / 1e3 / (double)n : 0.0);
    sfi_module_release(mod);
    return bad ? 1 : 0;
}
