/* libsfi tests of the lean call API (sfi_call_i64, sfi_call_f64), the owner-thread binding
 * (sfi_sandbox_bind_thread, R25) and the entry sequence in the gate page (R19, R22). */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "sfi/sfi.h"
#include "run_thread.h"

#define MOD(name) SFI_TEST_MODULE_DIR "/" name ".sfi"
#define GATES_OFF 0x20000u
#define NIMPORTS 3 /* basic.s imports host_add, host_scale, host_reenter */

/* CMocka installs its own fault handlers around every test; put libsfi's back in front. */
#define BEGIN() assert_int_equal(sfi_runtime_reinstall_handlers(), SFI_OK)

#include "basic_host.h"
#include "dirty_fp.h"

/* host_reenter(x) = x > 0 ? nested(x - 1) : 0, through the lean API: nested(n) = 1000 (n + 1) */
static uint64_t host_reenter(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)user;
    if (a->i[0] == 0) return 0;
    sfi_func fn;
    uint64_t r = 0;
    if (sfi_lookup(sb, "nested", &fn) || sfi_call_i64(sb, fn, a->i[0] - 1, 0, 0, 0, 0, 0, &r))
        return (uint64_t)-1000000;
    return r;
}

static sfi_sandbox *make_with(const sfi_options *opt, sfi_callback_fn add, void *add_user) {
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(opt, &sb), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_add", add, add_user), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_reenter", host_reenter, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("basic")), SFI_OK);
    return sb;
}

static sfi_sandbox *make(const sfi_options *opt) { return make_with(opt, host_add, NULL); }

static sfi_func fn(sfi_sandbox *sb, const char *name) {
    sfi_func f = 0;
    assert_int_equal(sfi_lookup(sb, name, &f), SFI_OK);
    return f;
}

static uint64_t call1(sfi_sandbox *sb, const char *name, uint64_t a0) {
    uint64_t r = 0xdead;
    assert_int_equal(sfi_call_i64(sb, fn(sb, name), a0, 0, 0, 0, 0, 0, &r), SFI_OK);
    return r;
}

/* ---- argument kinds ---- */
static void test_lean_args(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL);
    uint64_t r = 0;
    assert_int_equal(sfi_call_i64(sb, fn(sb, "sum6"), 1, 2, 3, 4, 5, 6, &r), SFI_OK);
    assert_int_equal(r, 21);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "add_i64"), UINT64_C(0x123456789), UINT64_C(0x100000000),
                                  0, 0, 0, 0, &r), SFI_OK);
    assert_int_equal(r, UINT64_C(0x223456789));
    /* an int export: the argument sign-extended by the caller, the result in the low 32 bits */
    assert_int_equal((int32_t)call1(sb, "neg_i32", (uint64_t)(int64_t)-5), 5);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "answer"), 0, 0, 0, 0, 0, 0, NULL), SFI_OK); /* ret NULL */
    double d = 0;
    assert_int_equal(sfi_call_f64(sb, fn(sb, "add_f64"), 1.25, 2.5, 0, 0, &d), SFI_OK);
    assert_true(d == 3.75);
    /* R22 through the lean path: no host values, %rsp 8 mod 16 at the top of the stack with the
     * exit gate after the entry sequence on it, %r15 = B */
    uint64_t base = sfi_sandbox_base(sb);
    assert_int_equal(call1(sb, "entry_regs", 0), 0);
    assert_int_equal(call1(sb, "get_r15", 0), base);
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    assert_int_equal(call1(sb, "get_rsp", 0), l.stack_end - 8);
    uint64_t top = 0;
    assert_int_equal(sfi_copy_out(sb, &top, l.stack_end - 8, 8), SFI_OK);
    assert_int_equal(top, base + GATES_OFF + 32 * (3 + NIMPORTS));
    /* the FP environment is fresh on entry and the host's comes back */
    assert_int_equal(call1(sb, "get_fpenv", 0), (0x1f80u << 16) | 0x37f);
    /* bad calls */
    assert_int_equal(sfi_call_i64(NULL, fn(sb, "answer"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_ARG);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "answer") + 1, 0, 0, 0, 0, 0, 0, &r), SFI_ERR_ARG);
    assert_int_equal(sfi_call_f64(sb, base + GATES_OFF, 0, 0, 0, 0, &d), SFI_ERR_ARG); /* not code */
    sfi_sandbox *empty;
    assert_int_equal(sfi_sandbox_create(NULL, &empty), SFI_OK);
    assert_int_equal(sfi_call_i64(empty, fn(sb, "answer"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_STATE);
    assert_int_equal(sfi_sandbox_destroy(empty), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- R22: the FP control state the sandbox starts with, whatever the host's, and the host's
 * after the call, in the callback and syscall gates' host code and after every exit; through
 * the generic API and the lean one (C path and fast entry), unbound and bound ---- */
static uint32_t rd_mxcsr(void) {
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}
static void wr_mxcsr(uint32_t m) { __asm__ volatile("ldmxcsr %0" ::"m"(m)); }
static uint16_t rd_fcw(void) {
    uint16_t c;
    __asm__ volatile("fnstcw %0" : "=m"(c));
    return c;
}
static void wr_fcw(uint16_t c) { __asm__ volatile("fldcw %0" ::"m"(c)); }
static uint16_t rd_fsw(void) {
    uint16_t w;
    __asm__ volatile("fnstsw %0" : "=m"(w));
    return w;
}

/* what the host code in the gates found */
struct fp_seen {
    uint32_t mxcsr[2];
    uint16_t fcw[2];
    int n;
};
static void fp_record(struct fp_seen *s) {
    if (s->n < 2) {
        s->mxcsr[s->n] = rd_mxcsr();
        s->fcw[s->n] = rd_fcw();
    }
    s->n++;
}
static uint64_t add_fp(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)sb;
    fp_record(user);
    return a->i[0] + a->i[1];
}
static int64_t sys_fp(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *user) {
    (void)sb, (void)nr, (void)args;
    fp_record(user);
    return 0;
}

enum { VIA_CALL, VIA_LEAN, VIA_LEAN_BOUND };
static uint64_t call_via(int via, sfi_sandbox *sb, const char *name, uint64_t a0, uint64_t a1, uint64_t a2) {
    uint64_t r = 0xdead;
    if (via == VIA_CALL) {
        sfi_value args[3] = {sfi_i64((int64_t)a0), sfi_i64((int64_t)a1), sfi_i64((int64_t)a2)};
        sfi_value ret = {.type = SFI_TYPE_I64};
        assert_int_equal(sfi_call(sb, fn(sb, name), args, 3, &ret), SFI_OK);
        return (uint64_t)ret.v.i64;
    }
    assert_int_equal(sfi_call_i64(sb, fn(sb, name), a0, a1, a2, 0, 0, 0, &r), SFI_OK);
    return r;
}

static void test_fp_control_state(void **state) {
    (void)state;
    BEGIN();
    /* control words: the default, 53- and 24-bit precision, the invalid-operation exception
     * unmasked; MXCSRs: the default, a sticky flag set, FTZ + DAZ, rounding down */
    static const uint16_t cws[] = {0x37f, 0x27f, 0x07f, 0x37e};
    static const uint32_t mxs[] = {0x1f80, 0x1fa0, 0x9fc0, 0x3f80};
    const uint64_t sandbox_env = (0x1f80u << 16) | 0x37f;
    struct fp_seen seen;
    sfi_sandbox *sb = make_with(NULL, add_fp, &seen);
    assert_int_equal(sfi_set_syscall_handler(sb, sys_fp, &seen), SFI_OK);
    const uint32_t mx0 = rd_mxcsr();
    const uint16_t cw0 = rd_fcw();
    for (int via = VIA_CALL; via <= VIA_LEAN_BOUND; via++) {
        if (via == VIA_LEAN_BOUND) assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
        for (size_t i = 0; i < sizeof cws / sizeof cws[0]; i++)
            for (size_t j = 0; j < sizeof mxs / sizeof mxs[0]; j++) {
                uint16_t cw = cws[i];
                uint32_t mx = mxs[j];
                memset(&seen, 0, sizeof seen);
                /* the host's state only between these calls; the asserts run with the default */
                wr_mxcsr(mx);
                wr_fcw(cw);
                uint64_t env = call_via(via, sb, "get_fpenv", 0, 0, 0);
                uint32_t mx1 = rd_mxcsr();
                uint16_t cw1 = rd_fcw();
                /* the sandbox sets its own, then a callback and a system call run host code */
                uint64_t env2 = call_via(via, sb, "fpenv_across_gates", 0x3f80, 0x27f, 39);
                uint32_t mx2 = rd_mxcsr();
                uint16_t cw2 = rd_fcw();
                /* the sandbox leaves the x87 invalid flag set (masked in its control word) */
                call_via(via, sb, "x87_flag", 0, 0, 0);
                uint16_t sw3 = rd_fsw(), cw3 = rd_fcw();
                uint32_t mx3 = rd_mxcsr();
                __asm__ volatile("fnclex");
                wr_fcw(cw0);
                wr_mxcsr(mx0);
                assert_int_equal(env, sandbox_env); /* R22, whatever the host had */
                assert_int_equal(mx1, mx);
                assert_int_equal(cw1, cw);
                assert_int_equal(env2, (0x3f80u << 16) | 0x27f); /* its own after the gates */
                assert_int_equal(seen.n, 2);
                for (int k = 0; k < 2; k++) { /* the host's in the gates' host code */
                    assert_int_equal(seen.mxcsr[k], mx);
                    assert_int_equal(seen.fcw[k], cw);
                }
                assert_int_equal(mx2, mx);
                assert_int_equal(cw2, cw);
                assert_int_equal(cw3, cw);
                assert_int_equal(mx3, mx);
                /* a flag the host's control word unmasks is cleared: it would fire in host code */
                if ((cw & 0x3f) != 0x3f) assert_int_equal(sw3 & 0x3f, 0);
            }
        /* and no host value in a general register on entry */
        assert_int_equal(call_via(via, sb, "entry_regs", 0, 0, 0), 0);
    }
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* R22 through the lean API, unbound and bound: no host data in vector or x87/MMX registers on
 * entry, whatever the host left there (test_loader.c checks the generic API). */
static void test_lean_clears_vector_and_x87(void **state) {
    (void)state;
    BEGIN();
    if (!__builtin_cpu_supports("avx2")) skip();
    sfi_sandbox *sb = make(NULL);
    sfi_func f = fn(sb, "vec_nonzero");
    for (int bound = 0; bound < 2; bound++) {
        if (bound) assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
        uint64_t r = 0xdead;
        dirty_vector_and_x87_registers(); /* right before the call */
        assert_int_equal(sfi_call_i64(sb, f, 0, 0, 0, 0, 0, 0, &r), SFI_OK);
        assert_int_equal(r, 0);
    }
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- callbacks and nesting through the lean API, bound and unbound ---- */
static void test_lean_callbacks_nesting(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL);
    for (int bound = 0; bound < 2; bound++) {
        if (bound) assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
        uint64_t r = 0;
        assert_int_equal(sfi_call_i64(sb, fn(sb, "call_add"), 1, 2, 0, 0, 0, 0, &r), SFI_OK);
        assert_int_equal(r, 4);
        double d = 0;
        assert_int_equal(sfi_call_f64(sb, fn(sb, "call_scale"), 1.5, 0, 0, 0, &d), SFI_OK);
        assert_true(d == 1.5 * 3 + 0.5);
        assert_int_equal(call1(sb, "nested", 3), 4000); /* four levels, each through sfi_call_i64 */
        /* the generic API on the same sandbox, bound or not */
        uint64_t one = 1;
        assert_int_equal(sfi_call_u64(sb, "nested", 1, &one, &r), SFI_OK);
        assert_int_equal(r, 2000);
    }
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_ERR_BUSY); /* still bound */
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_ERR_STATE);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- faults and time limits through the lean API ---- */
static void test_lean_faults_timeout(void **state) {
    (void)state;
    BEGIN();
    sfi_options opt;
    sfi_options_init(&opt);
    opt.time_limit_ms = 100;
    sfi_sandbox *sb = make(&opt);
    assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
    uint64_t r;
    assert_int_equal(sfi_call_i64(sb, fn(sb, "null_read"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_FAULT);
    sfi_fault_info fi;
    assert_int_equal(sfi_fault_info_get(sb, &fi), SFI_OK);
    assert_int_equal(fi.signo, SIGSEGV);
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_DEAD);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "answer"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_FAULT);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_ERR_BUSY); /* bound: unbind first */
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
    assert_int_equal(call1(sb, "answer", 0), 42);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "spin"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_TIMEOUT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    assert_true(ms >= 99 && ms < 2000);
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    /* an x87 exception left pending: the exit gate's emms faults on the sandbox's behalf */
    assert_int_equal(sfi_call_i64(sb, fn(sb, "x87_pending"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_FAULT);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* R22: the x87 registers are scrubbed by the entry sequence, so the x87 last-instruction and
 * last-operand pointers the sandbox can read point at the gate page and the sandbox stack,
 * whatever the host's x87 code did before the call. */
static void test_x87_pointers_in_slot(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL);
    volatile long double x = 1.5L;
    long double y = x * 3.0L; /* an x87 load from the host stack: FDP = &x */
    assert_true(y > 4.0L);
    uint64_t r = call1(sb, "get_fpu_ptrs", 0);
    uint64_t entry = sfi_sandbox_base(sb) + GATES_OFF + 32 * (2 + NIMPORTS);
    /* the last non-control x87 instruction: the seventh fldz of the entry sequence (emms and
     * fnstenv do not count); the last operand: the fildl's zero dword in the next bundle */
    assert_int_equal((uint32_t)r, (uint32_t)(entry + 2 + 6 + 2 * 6));
    assert_int_equal((uint32_t)(r >> 32), (uint32_t)(entry + 32 + 28));
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- R19: the entry sequence's bundle and its exit gate, reached by a sandbox jump ---- */
static void test_entry_bundle_from_sandbox(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL);
    uint64_t r = 0;
    /* the entry sequence's bundle starts with hlt: a masked jump there faults */
    assert_int_equal(call1(sb, "answer", 0), 42);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "jump_to"), GATES_OFF + 32 * (2 + NIMPORTS), 0, 0, 0, 0, 0, &r),
                     SFI_ERR_FAULT);
    sfi_fault_info fi;
    assert_int_equal(sfi_fault_info_get(sb, &fi), SFI_OK);
    assert_int_equal(fi.signo, SIGSEGV);
    assert_int_equal(fi.pc, sfi_sandbox_base(sb) + GATES_OFF + 32 * (2 + NIMPORTS));
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    /* its exit gate, like gate 0, just ends the call */
    assert_int_equal(sfi_call_i64(sb, fn(sb, "jump_to"), GATES_OFF + 32 * (3 + NIMPORTS), 0, 0, 0, 0, 0, &r),
                     SFI_OK);
    assert_int_equal(call1(sb, "answer", 0), 42);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- R25: concurrent entries are refused, bound or not ---- */
struct other {
    sfi_sandbox *sb;
    sfi_status call, bind, unbind;
};

static void *other_thread(void *p) {
    struct other *o = p;
    sfi_func f;
    uint64_t r;
    o->call = sfi_lookup(o->sb, "answer", &f);
    if (o->call == SFI_OK) o->call = sfi_call_i64(o->sb, f, 0, 0, 0, 0, 0, 0, &r);
    if (o->call == SFI_OK && r != 42) o->call = SFI_ERR_SYSTEM;
    o->unbind = sfi_sandbox_unbind_thread(o->sb);
    o->bind = sfi_sandbox_bind_thread(o->sb);
    if (o->bind == SFI_OK) sfi_sandbox_unbind_thread(o->sb);
    return NULL;
}

static struct other run_other(sfi_sandbox *sb) {
    struct other o = {.sb = sb};
    run_thread(other_thread, &o);
    return o;
}

/* host_add that runs a second thread against the sandbox while this one is inside it */
static uint64_t add_from_inside(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    *(struct other *)user = run_other(sb);
    return a->i[0] + a->i[1];
}

static void test_lean_concurrent_entry(void **state) {
    (void)state;
    BEGIN();
    struct other inside;
    sfi_sandbox *sb = make_with(NULL, add_from_inside, &inside);
    uint64_t r = 0;
    /* unbound, this thread inside: the other thread's call and bind are refused */
    assert_int_equal(sfi_call_i64(sb, fn(sb, "call_add"), 1, 2, 0, 0, 0, 0, &r), SFI_OK);
    assert_int_equal(r, 4);
    assert_int_equal(inside.call, SFI_ERR_BUSY);
    assert_int_equal(inside.bind, SFI_ERR_BUSY);
    assert_int_equal(inside.unbind, SFI_ERR_STATE);
    /* nobody inside, nobody bound: the other thread may call, bind and unbind */
    struct other o = run_other(sb);
    assert_int_equal(o.call, SFI_OK);
    assert_int_equal(o.bind, SFI_OK);
    /* bound to this thread: refused even while this thread is not inside */
    assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK); /* binding again is harmless */
    o = run_other(sb);
    assert_int_equal(o.call, SFI_ERR_BUSY);
    assert_int_equal(o.bind, SFI_ERR_BUSY);
    assert_int_equal(o.unbind, SFI_ERR_STATE); /* not the other thread's binding */
    assert_int_equal(sfi_call_i64(sb, fn(sb, "call_add"), 1, 2, 0, 0, 0, 0, &r), SFI_OK);
    assert_int_equal(inside.call, SFI_ERR_BUSY);
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    o = run_other(sb);
    assert_int_equal(o.call, SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- R25: while a call is inside (fast path or C path, bound or not), the sandbox can be
 * neither destroyed nor reset, by this thread from a callback or by another thread ---- */
struct refused {
    sfi_status destroy, reset, other_destroy, other_reset;
};
static void *destroy_from_other(void *p) {
    struct { sfi_sandbox *sb; struct refused *r; } *a = p;
    a->r->other_reset = sfi_sandbox_reset(a->sb);
    a->r->other_destroy = sfi_sandbox_destroy(a->sb);
    return NULL;
}
static uint64_t add_destroy_inside(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    struct refused *r = user;
    r->destroy = sfi_sandbox_destroy(sb);
    r->reset = sfi_sandbox_reset(sb);
    struct { sfi_sandbox *sb; struct refused *r; } arg = {sb, r};
    pthread_t t;
    if (pthread_create(&t, NULL, destroy_from_other, &arg) == 0) pthread_join(t, NULL);
    return a->i[0] + a->i[1];
}

static void test_destroy_refused_inside_call(void **state) {
    (void)state;
    BEGIN();
    for (int timed = 0; timed < 2; timed++) {
        sfi_options opt;
        sfi_options_init(&opt);
        opt.time_limit_ms = timed ? 10000 : 0; /* a time limit: sfi_call_i64's C path */
        struct refused r;
        sfi_sandbox *sb = make_with(&opt, add_destroy_inside, &r);
        for (int bound = 0; bound < 2; bound++) {
            if (bound) assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
            memset(&r, 0, sizeof r);
            uint64_t v = 0;
            assert_int_equal(sfi_call_i64(sb, fn(sb, "call_add"), 1, 2, 0, 0, 0, 0, &v), SFI_OK);
            assert_int_equal(v, 4);
            assert_int_equal(r.destroy, SFI_ERR_BUSY);
            assert_int_equal(r.reset, SFI_ERR_BUSY);
            assert_int_equal(r.other_destroy, SFI_ERR_BUSY);
            assert_int_equal(r.other_reset, SFI_ERR_BUSY);
            assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_READY);
        }
        assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
        assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
        assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
    }
}

/* unbind from a callback: ownership ends with the outermost call */
static uint64_t add_unbind(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    *(sfi_status *)user = sfi_sandbox_unbind_thread(sb);
    return a->i[0] + a->i[1];
}

static void test_unbind_inside_call(void **state) {
    (void)state;
    BEGIN();
    sfi_status st = SFI_ERR_SYSTEM;
    sfi_sandbox *sb = make_with(NULL, add_unbind, &st);
    assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
    uint64_t r = 0;
    assert_int_equal(sfi_call_i64(sb, fn(sb, "call_add"), 1, 2, 0, 0, 0, 0, &r), SFI_OK);
    assert_int_equal(st, SFI_OK);
    struct other o = run_other(sb);
    assert_int_equal(o.call, SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lean_args),
        cmocka_unit_test(test_fp_control_state),
        cmocka_unit_test(test_lean_clears_vector_and_x87),
        cmocka_unit_test(test_lean_callbacks_nesting),
        cmocka_unit_test(test_lean_faults_timeout),
        cmocka_unit_test(test_x87_pointers_in_slot),
        cmocka_unit_test(test_entry_bundle_from_sandbox),
        cmocka_unit_test(test_lean_concurrent_entry),
        cmocka_unit_test(test_unbind_inside_call),
        cmocka_unit_test(test_destroy_refused_inside_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
