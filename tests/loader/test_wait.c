/* libsfi tests of time limits against host code that waits on the sandbox's behalf:
 * sfi_syscall_interruptible (trampolines/wait.S, cut short by the timer handler once the
 * deadline has passed), sfi_call_ending, and what embedder callbacks that wait see of the timer. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "sfi/sfi.h"

#define MOD(name) SFI_TEST_MODULE_DIR "/" name ".sfi"
#define LIMIT_MS 100
#define SLACK_MS 1500 /* how late after its limit a wait may end (a loaded machine) */

/* CMocka installs its own fault handlers around every test; put libsfi's back in front. */
#define BEGIN() assert_int_equal(sfi_runtime_reinstall_handlers(), SFI_OK)

#include "basic_host.h"

static uint64_t no_reenter(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)sb, (void)a, (void)user;
    return 0;
}

static sfi_sandbox *make(uint32_t limit_ms, sfi_callback_fn add, void *add_user) {
    sfi_options opt;
    sfi_options_init(&opt);
    opt.time_limit_ms = limit_ms;
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(&opt, &sb), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_add", add, add_user), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_reenter", no_reenter, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("basic")), SFI_OK);
    return sb;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* What a syscall handler saw of its wait. */
struct wait_log {
    int pipe[2];      /* an empty pipe (nobody writes) unless a test writes it */
    int late;         /* spin in host code until the deadline has passed, then wait */
    long nr;          /* the wait: SYS_read on pipe[0], or SYS_nanosleep of an hour */
    int64_t result;   /* what sfi_syscall_interruptible returned */
    int ending;       /* sfi_call_ending() afterwards */
    double wait_ms;   /* how long the wait itself took */
    char byte;
};

static int64_t waiting_handler(sfi_sandbox *sb, uint64_t nr, const uint64_t a[6], void *user) {
    (void)sb, (void)nr, (void)a;
    struct wait_log *w = user;
    if (w->late) {
        while (!sfi_call_ending())
            ; /* the deadline's first tick arrives while this host code runs: it does nothing */
        double t = now_ms();
        while (now_ms() - t < 2)
            ;
    }
    static const struct timespec hour = {3600, 0};
    double t0 = now_ms();
    if (w->nr == SYS_nanosleep)
        w->result = sfi_syscall_interruptible(SYS_nanosleep, (int64_t)(uintptr_t)&hour, 0, 0, 0, 0, 0);
    else
        w->result = sfi_syscall_interruptible(SYS_read, w->pipe[0], (int64_t)(uintptr_t)&w->byte, 1, 0, 0, 0);
    w->wait_ms = now_ms() - t0;
    w->ending = sfi_call_ending();
    return w->result;
}

static sfi_status do_syscall(sfi_sandbox *sb) {
    sfi_func fn;
    uint64_t r;
    assert_int_equal(sfi_lookup(sb, "do_syscall", &fn), SFI_OK);
    return sfi_call_i64(sb, fn, 0, 0, 0, 0, 0, 0, &r);
}

/* Outside a sandbox call it is an ordinary system call. */
static void test_interruptible_outside_call(void **state) {
    (void)state;
    BEGIN();
    assert_false(sfi_call_ending());
    assert_int_equal(sfi_syscall_interruptible(SYS_getpid, 0, 0, 0, 0, 0, 0), getpid());
    int p[2];
    assert_int_equal(pipe(p), 0);
    char c = 0;
    assert_int_equal(write(p[1], "z", 1), 1);
    assert_int_equal(sfi_syscall_interruptible(SYS_read, p[0], (int64_t)(uintptr_t)&c, 1, 0, 0, 0), 1);
    assert_int_equal(c, 'z');
    assert_int_equal(sfi_syscall_interruptible(SYS_read, -1, (int64_t)(uintptr_t)&c, 1, 0, 0, 0), -EBADF);
    close(p[0]);
    close(p[1]);
}

static void expect_cut(struct wait_log *w) {
    sfi_sandbox *sb = make(LIMIT_MS, host_add, NULL);
    assert_int_equal(sfi_set_syscall_handler(sb, waiting_handler, w), SFI_OK);
    double t0 = now_ms();
    assert_int_equal(do_syscall(sb), SFI_ERR_TIMEOUT);
    double ms = now_ms() - t0;
    assert_true(ms >= LIMIT_MS - 1 && ms < LIMIT_MS + SLACK_MS);
    assert_int_equal(w->result, -EINTR);
    assert_true(w->ending);
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_DEAD);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    uint64_t r = 0;
    assert_int_equal(sfi_call_u64(sb, "answer", 0, NULL, &r), SFI_OK);
    assert_int_equal(r, 42);
    sfi_sandbox_destroy(sb);
}

/* A read the kernel would restart after every tick (SA_RESTART) and a sleep it would not both
 * end with -EINTR at the deadline, and the call with SFI_ERR_TIMEOUT. */
static void test_wait_cut_at_deadline(void **state) {
    (void)state;
    BEGIN();
    struct wait_log w = {.nr = SYS_read};
    assert_int_equal(pipe(w.pipe), 0);
    expect_cut(&w);
    struct wait_log s = {.nr = SYS_nanosleep};
    expect_cut(&s);
    close(w.pipe[0]);
    close(w.pipe[1]);
}

/* The deadline passes in host code before the wait starts: its first tick does nothing, and
 * only the repeating tick (every 5 ms) can end the wait. */
static void test_wait_after_deadline(void **state) {
    (void)state;
    BEGIN();
    struct wait_log w = {.nr = SYS_read, .late = 1};
    assert_int_equal(pipe(w.pipe), 0);
    expect_cut(&w);
    assert_true(w.wait_ms < SLACK_MS);
    struct wait_log s = {.nr = SYS_nanosleep, .late = 1};
    expect_cut(&s);
    assert_true(s.wait_ms < SLACK_MS);
    close(w.pipe[0]);
    close(w.pipe[1]);
}

struct late_write {
    int fd;
    int delay_ms;
};

static void *write_later(void *arg) {
    const struct late_write *lw = arg;
    struct timespec ts = {lw->delay_ms / 1000, (long)(lw->delay_ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
    if (write(lw->fd, "w", 1) != 1) abort();
    return NULL;
}

/* Before the deadline nothing interrupts the wait: it ends with its data. */
static void test_wait_before_deadline(void **state) {
    (void)state;
    BEGIN();
    struct wait_log w = {.nr = SYS_read};
    assert_int_equal(pipe(w.pipe), 0);
    sfi_sandbox *sb = make(20000, host_add, NULL);
    assert_int_equal(sfi_set_syscall_handler(sb, waiting_handler, &w), SFI_OK);
    struct late_write lw = {w.pipe[1], 50};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, write_later, &lw), 0);
    assert_int_equal(do_syscall(sb), SFI_OK);
    pthread_join(th, NULL);
    assert_int_equal(w.result, 1);
    assert_int_equal(w.byte, 'w');
    assert_false(w.ending);
    sfi_sandbox_destroy(sb);
    close(w.pipe[0]);
    close(w.pipe[1]);
}

/* Embedder callbacks: after the deadline the timer ticks every 5 ms while they run. A read the
 * kernel restarts (SA_RESTART) is never cut short: it returns its data, and the call ends
 * when the callback returns. A sleep the kernel never restarts after a signal handler returns
 * EINTR at the deadline (as it would for any signal); the call ends then too. */
struct callback_log {
    int pipe[2];
    int sleep; /* nanosleep an hour instead of reading */
    ssize_t result;
    int err;
};

static uint64_t waiting_callback(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)sb, (void)a;
    struct callback_log *c = user;
    char byte;
    struct timespec hour = {3600, 0};
    errno = 0;
    c->result = c->sleep ? nanosleep(&hour, NULL) : read(c->pipe[0], &byte, 1);
    c->err = errno;
    return 0;
}

static void test_callback_waits(void **state) {
    (void)state;
    BEGIN();
    struct callback_log c = {0};
    assert_int_equal(pipe(c.pipe), 0);
    sfi_sandbox *sb = make(LIMIT_MS, waiting_callback, &c);
    struct late_write lw = {c.pipe[1], LIMIT_MS + 200}; /* 40 ticks after the deadline */
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, write_later, &lw), 0);
    uint64_t args[2] = {1, 2}, r;
    double t0 = now_ms();
    assert_int_equal(sfi_call_u64(sb, "call_add", 2, args, &r), SFI_ERR_TIMEOUT);
    double ms = now_ms() - t0;
    pthread_join(th, NULL);
    assert_int_equal(c.result, 1);
    assert_int_equal(c.err, 0);
    assert_true(ms >= LIMIT_MS + 150);
    sfi_sandbox_destroy(sb);

    struct callback_log s = {.sleep = 1};
    sb = make(LIMIT_MS, waiting_callback, &s);
    t0 = now_ms();
    assert_int_equal(sfi_call_u64(sb, "call_add", 2, args, &r), SFI_ERR_TIMEOUT);
    ms = now_ms() - t0;
    assert_int_equal(s.result, -1);
    assert_int_equal(s.err, EINTR);
    assert_true(ms >= LIMIT_MS - 1 && ms < LIMIT_MS + SLACK_MS);
    sfi_sandbox_destroy(sb);
    close(c.pipe[0]);
    close(c.pipe[1]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interruptible_outside_call),
        cmocka_unit_test(test_wait_cut_at_deadline),
        cmocka_unit_test(test_wait_after_deadline),
        cmocka_unit_test(test_wait_before_deadline),
        cmocka_unit_test(test_callback_waits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
