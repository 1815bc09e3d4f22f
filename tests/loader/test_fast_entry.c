/* libsfi tests of sfi_call_i64's hand-written fast entry (trampolines/fast.S): what it does
 * itself (bound or free sandbox, outermost call, no time limit) and every case it hands to the
 * C path (loader/call.c) with the sandbox's ownership as it found it (R22, R25). */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <cmocka.h>

#include "sfi/sfi.h"
#include "run_thread.h"

#define MOD SFI_TEST_MODULE_DIR "/fastcall.sfi"

/* CMocka installs its own fault handlers around every test; put libsfi's back in front. */
#define BEGIN() assert_int_equal(sfi_runtime_reinstall_handlers(), SFI_OK)

/* what host_cb does: set by each test */
static uint64_t (*cb_body)(sfi_sandbox *sb, uint64_t x);

static uint64_t host_cb(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)user;
    return cb_body ? cb_body(sb, a->i[0]) : a->i[0];
}

static sfi_sandbox *make(uint32_t time_limit_ms) {
    sfi_options opt;
    sfi_options_init(&opt);
    opt.time_limit_ms = time_limit_ms;
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(&opt, &sb), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_cb", host_cb, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD), SFI_OK);
    return sb;
}

static sfi_func fn(sfi_sandbox *sb, const char *name) {
    sfi_func f = 0;
    assert_int_equal(sfi_lookup(sb, name, &f), SFI_OK);
    return f;
}

static uint64_t args6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f) {
    return ((((a * 3 + b) * 3 + c) * 3 + d) * 3 + e) * 3 + f;
}

/* a second thread: can it call, and bind, the sandbox now? */
struct other {
    sfi_sandbox *sb;
    sfi_status call, bind;
};

static void *other_thread(void *p) {
    struct other *o = p;
    sfi_func f;
    uint64_t r = 0;
    o->call = sfi_lookup(o->sb, "args6", &f);
    if (o->call == SFI_OK) o->call = sfi_call_i64(o->sb, f, 1, 0, 0, 0, 0, 0, &r);
    if (o->call == SFI_OK && r != 243) o->call = SFI_ERR_SYSTEM;
    o->bind = sfi_sandbox_bind_thread(o->sb);
    if (o->bind == SFI_OK) sfi_sandbox_unbind_thread(o->sb);
    return NULL;
}

static struct other run_other(sfi_sandbox *sb) {
    struct other o = {.sb = sb};
    run_thread(other_thread, &o);
    return o;
}

/* ---- the six arguments, each in its register, and the result, bound and free ---- */
static void test_args(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(0);
    sfi_func f = fn(sb, "args6");
    for (int bound = 0; bound < 2; bound++) {
        if (bound) assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
        uint64_t r = 0;
        assert_int_equal(sfi_call_i64(sb, f, 1, 2, 3, 4, 5, 6, &r), SFI_OK);
        assert_int_equal(r, args6(1, 2, 3, 4, 5, 6));
        const uint64_t big[6] = {UINT64_C(0x8000000000000001), UINT64_C(0x123456789abcdef),
                                 UINT64_C(0xffffffff00000000), 7, UINT64_C(0x100000000), UINT64_MAX};
        assert_int_equal(sfi_call_i64(sb, f, big[0], big[1], big[2], big[3], big[4], big[5], &r), SFI_OK);
        assert_int_equal(r, args6(big[0], big[1], big[2], big[3], big[4], big[5]));
        for (int k = 0; k < 6; k++) { /* one argument at a time: nothing else reaches it */
            uint64_t a[6] = {0};
            a[k] = 1000 + (uint64_t)k;
            assert_int_equal(sfi_call_i64(sb, f, a[0], a[1], a[2], a[3], a[4], a[5], &r), SFI_OK);
            assert_int_equal(r, args6(a[0], a[1], a[2], a[3], a[4], a[5]));
        }
        assert_int_equal(sfi_call_i64(sb, f, 1, 2, 3, 4, 5, 6, NULL), SFI_OK); /* ret may be NULL */
    }
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- R22: the host's callee-saved registers, MXCSR and x87 control word come back ---- */
static uint32_t get_mxcsr(void) {
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}
static uint16_t get_fcw(void) {
    uint16_t c;
    __asm__ volatile("fnstcw %0" : "=m"(c));
    return c;
}

static void test_host_state_restored(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(0);
    sfi_func f = fn(sb, "clobber");
    for (int bound = 0; bound < 2; bound++) {
        if (bound) assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
        uint32_t mx = get_mxcsr();
        uint16_t cw = get_fcw();
        /* values live across the calls: at -O2 they sit in callee-saved registers */
        uint64_t acc = 0, x = 0x1234, y = 0x9876, z = 3;
        for (int i = 0; i < 100; i++) {
            uint64_t r = 0;
            assert_int_equal(sfi_call_i64(sb, f, 0, 0, 0, 0, 0, 0, &r), SFI_OK);
            acc += r + x * y + z;
            x += 3, y ^= (uint64_t)i, z *= 5;
        }
        uint64_t want = 0, x2 = 0x1234, y2 = 0x9876, z2 = 3;
        for (int i = 0; i < 100; i++) {
            want += 7 + x2 * y2 + z2;
            x2 += 3, y2 ^= (uint64_t)i, z2 *= 5;
        }
        assert_int_equal(acc, want);
        assert_int_equal(get_mxcsr(), mx);
        assert_int_equal(get_fcw(), cw);
    }
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- faults end a fast call; the sandbox is dead; ownership as before ---- */
static void test_fault(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(0);
    uint64_t r = 0;
    /* bound: the fault handler finds the fast entry's context */
    assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "do_ud2"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_FAULT);
    sfi_fault_info fi;
    assert_int_equal(sfi_fault_info_get(sb, &fi), SFI_OK);
    assert_int_equal(fi.signo, SIGILL);
    assert_int_equal(fi.pc, fn(sb, "do_ud2"));
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_DEAD);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "args6"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_FAULT); /* dead */
    assert_int_equal(run_other(sb).bind, SFI_ERR_BUSY); /* still bound */
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    /* free: taken by compare-and-swap, given back after the fault and after the dead call */
    assert_int_equal(sfi_call_i64(sb, fn(sb, "do_ud2"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_FAULT);
    struct other o = run_other(sb);
    assert_int_equal(o.call, SFI_ERR_FAULT);
    assert_int_equal(o.bind, SFI_OK);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "args6"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_FAULT);
    assert_int_equal(run_other(sb).bind, SFI_OK);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    assert_int_equal(sfi_call_i64(sb, fn(sb, "args6"), 1, 0, 0, 0, 0, 0, &r), SFI_OK);
    assert_int_equal(r, 243);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- hand-offs to the C path that take the sandbox first, then give it back ---- */
static void test_refused_calls_release(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(0);
    uint64_t r = 0;
    sfi_func f = fn(sb, "args6");
    assert_int_equal(sfi_call_i64(sb, f + 1, 0, 0, 0, 0, 0, 0, &r), SFI_ERR_ARG);
    assert_int_equal(sfi_call_i64(sb, f + 32 * 1024 * 1024, 0, 0, 0, 0, 0, 0, &r), SFI_ERR_ARG);
    assert_int_equal(sfi_call_i64(sb, sfi_sandbox_base(sb), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_ARG);
    assert_int_equal(sfi_call_i64(NULL, f, 0, 0, 0, 0, 0, 0, &r), SFI_ERR_ARG);
    struct other o = run_other(sb);
    assert_int_equal(o.call, SFI_OK);
    assert_int_equal(o.bind, SFI_OK);
    /* the same while bound: refused, and still bound */
    assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
    assert_int_equal(sfi_call_i64(sb, f + 1, 0, 0, 0, 0, 0, 0, &r), SFI_ERR_ARG);
    assert_int_equal(run_other(sb).call, SFI_ERR_BUSY);
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- nested calls from a callback of a fast call: the C path, on this sandbox and another ---- */
static sfi_sandbox *other_sb;
static struct other inside;

static uint64_t cb_nested(sfi_sandbox *sb, uint64_t x) {
    uint64_t r1 = 0, r2 = 0;
    if (sfi_call_i64(sb, fn(sb, "args6"), x, 0, 0, 0, 0, 0, &r1)) return 0;      /* same sandbox */
    if (sfi_call_i64(other_sb, fn(other_sb, "args6"), 0, 0, 0, 0, 0, x, &r2)) return 0; /* another */
    inside = run_other(sb); /* a concurrent entry while this thread is inside */
    return r1 + r2;
}

static void test_nested(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(0);
    other_sb = make(0);
    cb_body = cb_nested;
    for (int bound = 0; bound < 2; bound++) {
        if (bound) {
            assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
            assert_int_equal(sfi_sandbox_bind_thread(other_sb), SFI_OK);
        }
        uint64_t r = 0;
        assert_int_equal(sfi_call_i64(sb, fn(sb, "call_cb"), 2, 0, 0, 0, 0, 0, &r), SFI_OK);
        assert_int_equal(r, 2 * 243 + 2 + 1);
        assert_int_equal(inside.call, SFI_ERR_BUSY);
        assert_int_equal(inside.bind, SFI_ERR_BUSY);
    }
    cb_body = NULL;
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_unbind_thread(other_sb), SFI_OK);
    assert_int_equal(run_other(sb).call, SFI_OK); /* released */
    assert_int_equal(sfi_sandbox_destroy(other_sb), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- time limits: the C path; an untimed sandbox called from a timed one's callback gets
 * the enclosing deadline (the fast entry must not take that call) ---- */
static uint64_t cb_spin_other(sfi_sandbox *sb, uint64_t x) {
    (void)sb;
    uint64_t r = 0;
    return sfi_call_i64(other_sb, fn(other_sb, "spin"), 0, 0, 0, 0, 0, 0, &r) + x;
}

static double ms_since(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void test_timeouts(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *timed = make(100);
    other_sb = make(0);
    assert_int_equal(sfi_sandbox_bind_thread(timed), SFI_OK);
    assert_int_equal(sfi_sandbox_bind_thread(other_sb), SFI_OK);
    uint64_t r = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(sfi_call_i64(timed, fn(timed, "spin"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_TIMEOUT);
    double ms = ms_since(&t0);
    assert_true(ms >= 99 && ms < 2000);
    /* the untimed sandbox still works on this thread: no timer left armed for it */
    assert_int_equal(sfi_call_i64(other_sb, fn(other_sb, "args6"), 1, 0, 0, 0, 0, 0, &r), SFI_OK);
    assert_int_equal(r, 243);
    assert_int_equal(sfi_sandbox_unbind_thread(timed), SFI_OK);
    assert_int_equal(sfi_sandbox_reset(timed), SFI_OK);
    assert_int_equal(sfi_sandbox_bind_thread(timed), SFI_OK);
    cb_body = cb_spin_other;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(sfi_call_i64(timed, fn(timed, "call_cb"), 0, 0, 0, 0, 0, 0, &r), SFI_ERR_TIMEOUT);
    ms = ms_since(&t0);
    assert_true(ms >= 99 && ms < 2000);
    cb_body = NULL;
    assert_int_equal(sfi_sandbox_state(other_sb), SFI_STATE_DEAD);
    assert_int_equal(sfi_sandbox_unbind_thread(timed), SFI_OK);
    assert_int_equal(sfi_sandbox_unbind_thread(other_sb), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(other_sb), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(timed), SFI_OK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args),
        cmocka_unit_test(test_host_state_restored),
        cmocka_unit_test(test_fault),
        cmocka_unit_test(test_refused_calls_release),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_timeouts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
