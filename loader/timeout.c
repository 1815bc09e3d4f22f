/* Per-call time limits. Each thread that enters a sandbox gets a POSIX timer that signals that
 * very thread (SIGEV_THREAD_ID). It is armed, absolute, for the innermost call's deadline and
 * then repeats every TICK: the handler (fault.c) can only stop the sandbox while the thread
 * executes sandbox code; if the tick lands in host code (a callback, a gate) nothing happens
 * there, the gate checks the deadline when host code returns (gates.c), and the next tick
 * catches a sandbox that keeps running. The one piece of host code a tick does cut short is a
 * wait in sfi_syscall_interruptible (wait.S, sfi__timer_cut_wait below), so that a system call
 * blocked on the sandbox's behalf returns and lets the gate end the call. No tick comes before
 * the deadline: the first expiry is the deadline itself. */
#include "internal.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define TICK_NS 5000000 /* 5 ms */

int sfi__timer_signal;
int sfi__timer_magic; /* its address marks our timer's signals (si_value) */

static __thread timer_t thread_timer SFI_TLS;
static __thread int timer_ok SFI_TLS, timer_armed SFI_TLS;

uint64_t sfi__now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

sfi_status sfi__timer_thread_init(void) {
    if (timer_ok) return SFI_OK;
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = sfi__timer_signal;
    sev.sigev_value.sival_ptr = &sfi__timer_magic;
    sev._sigev_un._tid = gettid();
    if (timer_create(CLOCK_MONOTONIC, &sev, &thread_timer) != 0)
        return sfi__thread_fail(SFI_ERR_SYSTEM, "timer_create failed");
    timer_ok = 1;
    return SFI_OK;
}

void sfi__timer_thread_fini(void) {
    if (timer_ok) timer_delete(thread_timer);
    timer_ok = timer_armed = 0;
}

void sfi__timer_arm(uint64_t deadline_ns) {
    if (!timer_ok) return;
    struct itimerspec it;
    it.it_value.tv_sec = (time_t)(deadline_ns / 1000000000u);
    it.it_value.tv_nsec = (long)(deadline_ns % 1000000000u);
    it.it_interval.tv_sec = 0;
    it.it_interval.tv_nsec = TICK_NS;
    if (timer_settime(thread_timer, TIMER_ABSTIME, &it, NULL) == 0) timer_armed = 1;
}

void sfi__timer_disarm(void) {
    if (!timer_ok || !timer_armed) return;
    struct itimerspec it;
    memset(&it, 0, sizeof it);
    timer_settime(thread_timer, 0, &it, NULL);
    timer_armed = 0;
}

/* The deadline has passed and the tick landed in host code. If that host code is the wait of
 * sfi_syscall_interruptible, on or before its syscall instruction (the kernel rewinds a call
 * it will restart to that instruction, so it had no effect; before it, the call has not
 * started), resume after the instruction with -EINTR, as the kernel does for a handler without
 * SA_RESTART. A tick that finds the call returned (EINTR from a call the kernel never
 * restarts, or a result) changes nothing. */
void sfi__timer_cut_wait(void *ucontext) {
    ucontext_t *uc = ucontext;
    uint64_t pc = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (uint64_t)(uintptr_t)sfi__wait_start && pc <= (uint64_t)(uintptr_t)sfi__wait_syscall) {
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)sfi__wait_done;
        uc->uc_mcontext.gregs[REG_RAX] = -EINTR;
    }
}
