/* Transition costs of libsfi (docs/performance.md, "Transitions").
 *
 *   roundtrip <rt.sfi> [samples] [batch]
 *
 * rt.sfi is bench/modules/rt.c built with `sfi-clang -O2 -shared -nostdlib`. Every measurement
 * is a batch of `batch` back-to-back operations timed with lfence;rdtsc;lfence ... rdtscp;lfence
 * and with CLOCK_MONOTONIC; the per-operation cost of a batch is its time / batch, and the
 * result is the median (and 10th/90th percentiles) over `samples` batches. The operations are
 * interleaved batch by batch, so drift on a shared machine hits all of them alike.
 *
 * Operations:
 *   host_indirect   a plain indirect call of an empty function on the host (the baseline)
 *   call_empty      sfi_call of the empty export: host -> sandbox -> host
 *   call_callback   sfi_call of an export that calls a host callback (import) and returns:
 *                   host -> sandbox -> host callback -> sandbox -> host
 *   call_syscall    sfi_call of an export that executes one rewritten `syscall` (gate 1, R18)
 *                   handled by a trivial host handler: host -> sandbox -> gate -> host handler
 *                   -> sandbox -> host
 *   call_nested     the callback itself calls sfi_call(empty) on the same sandbox (R25 nesting)
 *   sbx_indirect    an indirect call + return inside the sandbox (R9 masked call, R10 return),
 *                   `batch` of them in one sfi_call, minus nothing (the one entry is amortised)
 *   lean_empty      sfi_call_i64 of the empty export (the lean API; ownership by CAS per call)
 *   lean_bound      the same on a sandbox bound to this thread (sfi_sandbox_bind_thread)
 *   lean_callback   sfi_call_i64 of the callback export on the bound sandbox
 *
 * TSC ticks are reference cycles at the TSC frequency (printed), not core cycles: this VM has
 * no PMU (`perf stat -e cycles` says <not supported>). */
#include "bench.h"

#include "sfi/sfi.h"

__attribute__((noinline)) static long host_empty(long x) {
    __asm__ volatile("" ::: "memory");
    return x;
}
static long (*volatile host_ptr)(long) = host_empty;

static sfi_func nested_target; /* sbn's empty export, called from cb_nested */

static uint64_t cb_plain(sfi_sandbox *sb, sfi_callback_args *a, void *u) {
    (void)sb, (void)u;
    return a->i[0];
}
static uint64_t cb_nested(sfi_sandbox *sb, sfi_callback_args *a, void *u) {
    (void)u;
    sfi_value r = {.type = SFI_TYPE_I64};
    if (sfi_call(sb, nested_target, NULL, 0, &r)) {
        fprintf(stderr, "nested call failed: %s\n", sfi_last_error(sb));
        exit(1);
    }
    return a->i[0];
}
static int64_t sys_zero(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *u) {
    (void)sb, (void)nr, (void)args, (void)u;
    return 0;
}

static void die(const char *what, sfi_status s, sfi_sandbox *sb) {
    fprintf(stderr, "%s: %s: %s\n", what, sfi_strerror(s), sfi_last_error(sb));
    exit(1);
}

static sfi_sandbox *make_sandbox(sfi_module *mod, sfi_callback_fn cb) {
    sfi_sandbox *sb;
    sfi_status s = sfi_sandbox_create(NULL, &sb);
    if (s) die("sfi_sandbox_create", s, NULL);
    sfi_register_callback(sb, "host_cb", cb, NULL);
    sfi_set_syscall_handler(sb, sys_zero, NULL);
    if ((s = sfi_sandbox_load_module(sb, mod))) die("sfi_sandbox_load_module", s, sb);
    return sb;
}

enum { OP_HOST, OP_EMPTY, OP_CALLBACK, OP_SYSCALL, OP_NESTED, OP_SBX_INDIRECT, OP_LEAN, OP_LEAN_BOUND,
       OP_LEAN_CALLBACK, N_OPS };
static const char *const op_name[N_OPS] = {
    "host_indirect", "call_empty", "call_callback", "call_syscall", "call_nested", "sbx_indirect",
    "lean_empty", "lean_bound", "lean_callback"};
static const char *const op_what[N_OPS] = {
    "plain indirect call on the host (baseline)",
    "host->sandbox->host, empty export",
    "host->sandbox->host callback->sandbox->host",
    "host->sandbox->syscall gate->host handler->sandbox->host",
    "host->sandbox->host callback->sfi_call(empty)->...->host",
    "indirect call+return inside the sandbox (R9+R10)",
    "sfi_call_i64, empty export",
    "sfi_call_i64, empty export, sandbox bound to this thread",
    "sfi_call_i64, callback export, bound sandbox"};

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s rt.sfi [samples] [batch]\n", argv[0]);
        return 2;
    }
    long samples = argc > 2 ? atol(argv[2]) : 2001;
    long batch = argc > 3 ? atol(argv[3]) : 1000;
    char err[512];
    sfi_module *mod;
    if (sfi_module_open_file(argv[1], &mod, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 1;
    }
    sfi_sandbox *sb = make_sandbox(mod, cb_plain);
    sfi_sandbox *sbn = make_sandbox(mod, cb_nested);
    sfi_sandbox *sbb = make_sandbox(mod, cb_plain); /* bound to this thread */
    sfi_func f_empty, f_cb, f_sys, f_loop, f_cb_n;
    sfi_status s;
    if ((s = sfi_lookup(sb, "empty", &f_empty)) || (s = sfi_lookup(sb, "call_cb", &f_cb)) ||
        (s = sfi_lookup(sb, "do_syscall", &f_sys)) || (s = sfi_lookup(sb, "loop_indirect", &f_loop)))
        die("sfi_lookup", s, sb);
    if ((s = sfi_lookup(sbn, "call_cb", &f_cb_n)) || (s = sfi_lookup(sbn, "empty", &nested_target)))
        die("sfi_lookup", s, sbn);
    sfi_func fb_empty, fb_cb;
    if ((s = sfi_lookup(sbb, "empty", &fb_empty)) || (s = sfi_lookup(sbb, "call_cb", &fb_cb)) ||
        (s = sfi_sandbox_bind_thread(sbb)))
        die("bound sandbox", s, sbb);
    uint64_t r64;

    sfi_value ret = {.type = SFI_TYPE_I64};
    sfi_value a1 = sfi_i64(1), a_sys = sfi_i64(39), a_loop = sfi_i64(batch);
    double *tk[N_OPS], *ns[N_OPS];
    for (int o = 0; o < N_OPS; o++) {
        tk[o] = calloc((size_t)samples, sizeof(double));
        ns[o] = calloc((size_t)samples, sizeof(double));
    }
    long warm = samples / 10 + 1;
    for (long r = -warm; r < samples; r++) {
        for (int o = 0; o < N_OPS; o++) {
            double t0 = now_ns();
            uint64_t c0 = tsc_begin();
            switch (o) {
            case OP_HOST:
                for (long i = 0; i < batch; i++) host_ptr(i);
                break;
            case OP_EMPTY:
                for (long i = 0; i < batch; i++) s |= sfi_call(sb, f_empty, NULL, 0, &ret);
                break;
            case OP_CALLBACK:
                for (long i = 0; i < batch; i++) s |= sfi_call(sb, f_cb, &a1, 1, &ret);
                break;
            case OP_SYSCALL:
                for (long i = 0; i < batch; i++) s |= sfi_call(sb, f_sys, &a_sys, 1, &ret);
                break;
            case OP_NESTED:
                for (long i = 0; i < batch; i++) s |= sfi_call(sbn, f_cb_n, &a1, 1, &ret);
                break;
            case OP_SBX_INDIRECT:
                s |= sfi_call(sb, f_loop, &a_loop, 1, &ret);
                break;
            case OP_LEAN:
                for (long i = 0; i < batch; i++) s |= sfi_call_i64(sb, f_empty, 0, 0, 0, 0, 0, 0, &r64);
                break;
            case OP_LEAN_BOUND:
                for (long i = 0; i < batch; i++) s |= sfi_call_i64(sbb, fb_empty, 0, 0, 0, 0, 0, 0, &r64);
                break;
            case OP_LEAN_CALLBACK:
                for (long i = 0; i < batch; i++) s |= sfi_call_i64(sbb, fb_cb, 1, 0, 0, 0, 0, 0, &r64);
                break;
            }
            uint64_t c1 = tsc_end();
            double t1 = now_ns();
            if (s) die(op_name[o], s, o == OP_NESTED ? sbn : o >= OP_LEAN_BOUND ? sbb : sb);
            if (r >= 0) {
                tk[o][r] = (double)(c1 - c0) / (double)batch;
                ns[o][r] = (t1 - t0) / (double)batch;
            }
        }
    }
    /* sanity: the exports did what they should */
    sfi_call(sb, f_loop, &a_loop, 1, &ret);
    if (ret.v.i64 != batch * (batch - 1) / 2) {
        fprintf(stderr, "loop_indirect returned %lld\n", (long long)ret.v.i64);
        return 1;
    }
    if (sfi_call_i64(sbb, fb_cb, 41, 0, 0, 0, 0, 0, &r64) || r64 != 42) {
        fprintf(stderr, "call_cb(41) through sfi_call_i64 returned %llu\n", (unsigned long long)r64);
        return 1;
    }
    double f = tsc_per_ns();
    print_machine();
    printf("# TSC %.3f GHz; %ld samples x %ld ops per batch; per-op TSC ticks: median [p10, p90] "
           "and min (best batch); ns: median\n", f, samples, batch);
    double med_tk[N_OPS], med_ns[N_OPS];
    for (int o = 0; o < N_OPS; o++) {
        med_tk[o] = median(tk[o], (size_t)samples);
        med_ns[o] = median(ns[o], (size_t)samples);
        printf("%-14s %8.1f ticks [%7.1f, %7.1f] min %7.1f %8.1f ns   %s\n", op_name[o],
               med_tk[o], percentile(tk[o], (size_t)samples, 0.1),
               percentile(tk[o], (size_t)samples, 0.9), tk[o][0], med_ns[o], op_what[o]);
    }
    printf("%-14s %8.1f ticks %41.1f ns   call_callback - call_empty\n", "d_callback",
           med_tk[OP_CALLBACK] - med_tk[OP_EMPTY], med_ns[OP_CALLBACK] - med_ns[OP_EMPTY]);
    printf("%-14s %8.1f ticks %41.1f ns   call_syscall - call_empty\n", "d_syscall",
           med_tk[OP_SYSCALL] - med_tk[OP_EMPTY], med_ns[OP_SYSCALL] - med_ns[OP_EMPTY]);
    printf("%-14s %8.1f ticks %41.1f ns   call_nested - call_callback\n", "d_nested",
           med_tk[OP_NESTED] - med_tk[OP_CALLBACK], med_ns[OP_NESTED] - med_ns[OP_CALLBACK]);
    printf("%-14s %8.1f ticks %41.1f ns   call_empty - lean_bound\n", "d_lean",
           med_tk[OP_EMPTY] - med_tk[OP_LEAN_BOUND], med_ns[OP_EMPTY] - med_ns[OP_LEAN_BOUND]);
    sfi_sandbox_unbind_thread(sbb);
    sfi_sandbox_destroy(sbb);
    sfi_sandbox_destroy(sb);
    sfi_sandbox_destroy(sbn);
    sfi_module_release(mod);
    return 0;
}
