/* Clocks and sleeping: the host's clocks, read into checked sandbox memory. */
#include "internal.h"

#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static int clock_ok(uint64_t id)
{
	switch (id) {
	case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID: case CLOCK_MONOTONIC_RAW: case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
		return 1;
	default:
		return 0; /* no per-process clock ids of other processes */
	}
}

int64_t px_sys_clock_gettime(struct sfi_posix *px, const uint64_t a[6])
{
	if (!clock_ok(a[0]))
		return -EINVAL;
	struct timespec ts;
	if (clock_gettime((clockid_t)a[0], &ts))
		return -errno;
	return px_copy_in(px, a[1], &ts, sizeof ts);
}

int64_t px_sys_clock_getres(struct sfi_posix *px, const uint64_t a[6])
{
	if (!clock_ok(a[0]))
		return -EINVAL;
	struct timespec ts;
	if (clock_getres((clockid_t)a[0], &ts))
		return -errno;
	return a[1] ? px_copy_in(px, a[1], &ts, sizeof ts) : 0;
}

int64_t px_sys_gettimeofday(struct sfi_posix *px, const uint64_t a[6])
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	if (a[0] && px_copy_in(px, a[0], &tv, sizeof tv))
		return -EFAULT;
	if (a[1]) {
		struct { int minuteswest, dsttime; } tz = { 0, 0 };
		if (px_copy_in(px, a[1], &tz, sizeof tz))
			return -EFAULT;
	}
	return 0;
}

int64_t px_sys_time(struct sfi_posix *px, const uint64_t a[6])
{
	int64_t t = (int64_t)time(NULL);
	if (a[0] && px_copy_in(px, a[0], &t, sizeof t))
		return -EFAULT;
	return t;
}

/* Sleeps in the host, until an absolute time (px_wait: the call's time limit ends the sleep,
 * and a retry after another interruption sleeps only what is left). A relative sleep becomes
 * an absolute one on a clock nobody sets: CLOCK_MONOTONIC, which is what a relative
 * CLOCK_REALTIME sleep measures anyway, or CLOCK_BOOTTIME, which also counts suspend. The
 * remaining time (rem) is only ever written on EINTR, which the sandbox never sees: the layer
 * returns EINTR only when the sandbox call is ending. */
static int64_t sleep_common(struct sfi_posix *px, clockid_t clk, int flags, uint64_t req)
{
	struct timespec ts;
	if (px_copy_out(px, &ts, req, sizeof ts))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	if (!(flags & TIMER_ABSTIME)) {
		struct timespec now;
		clk = clk == CLOCK_BOOTTIME ? CLOCK_BOOTTIME : CLOCK_MONOTONIC;
		if (clock_gettime(clk, &now))
			return -errno;
		if (ts.tv_sec > INT64_MAX - now.tv_sec - 1) {
			ts.tv_sec = INT64_MAX; /* the kernel clamps it to its largest time */
		} else {
			ts.tv_sec += now.tv_sec;
			ts.tv_nsec += now.tv_nsec;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
		}
	}
	return px_wait(SYS_clock_nanosleep, (uint64_t)clk, TIMER_ABSTIME, (uint64_t)(uintptr_t)&ts, 0,
	               0, 0);
}

int64_t px_sys_nanosleep(struct sfi_posix *px, const uint64_t a[6])
{
	return sleep_common(px, CLOCK_MONOTONIC, 0, a[0]);
}

int64_t px_sys_clock_nanosleep(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[0] != CLOCK_REALTIME && a[0] != CLOCK_MONOTONIC && a[0] != CLOCK_BOOTTIME)
		return -EINVAL;
	if (a[1] & ~(uint64_t)TIMER_ABSTIME)
		return -EINVAL;
	return sleep_common(px, (clockid_t)a[0], (int)a[1], a[2]);
}

/* The host process's times: the sandbox runs on this thread anyway. */
int64_t px_sys_times(struct sfi_posix *px, const uint64_t a[6])
{
	struct tms t;
	clock_t now = times(&t);
	if (a[0] && px_copy_in(px, a[0], &t, sizeof t))
		return -EFAULT;
	return (int64_t)now;
}
