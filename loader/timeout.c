/* Per-call time limits. Each thread that enters a sandbox gets a POSIX timer that signals that
 * very thread (SIGEV_THREAD_ID). It is armed, absolute, for the innermost call's deadline and
 * then repeats every TICK: the handler (fault.c) can only stop the sandbox while the thread
 * executes sandbox code; if the tick lands in host code (a callback, a gate) nothing happens
 * there, the gate checks the deadline when host code returns (gates.c), and the next tick
 * catches a sandbox that keeps running. */
#include "internal.h"

#include <signal.h>
#include <string.h>
#include <time.h>
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
