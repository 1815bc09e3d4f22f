/* Embedding test: a sandbox blocked in a host system call (libsfi_posix) is stopped by its time
 * limit. The plugin (blocking.c) blocks in read on an empty pipe, an hour's nanosleep, poll and
 * ppoll without a timeout; each call must end with SFI_ERR_TIMEOUT within a bounded time of the
 * limit, through the generic (sfi_call, sfi_call_u64) and the lean (sfi_call_i64) API, leave
 * the sandbox dead, and a reset must bring it back. Then: a deadline that passes in host code
 * just before the blocking read (only the timer's repeating tick can stop it); a short sleep
 * under a generous limit; and sleep, poll and read under a storm of another signal installed
 * without SA_RESTART, which the sandbox must never see as EINTR. Timings go to stderr. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <sfi/posix.h>

#include "host_check.h"

#define LIMIT_MS 200
#define SLACK_MS 1500 /* how late after its limit a blocked call may end (a loaded machine) */

static const char *module;
static sfi_sandbox *sb;
static sfi_posix *px;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- the deadline passes in host code, just before the layer's blocking read ---- */
static int late_armed;
static double late_wait_ms = -1;

static int64_t late_handler(sfi_sandbox *s, uint64_t nr, const uint64_t a[6], void *user)
{
	if (nr == SYS_read && late_armed) {
		late_armed = 0;
		while (!sfi_call_ending())
			; /* the deadline's first tick arrives while host code runs: it does nothing */
		double t = now_ms();
		while (now_ms() - t < 2)
			;
		t = now_ms();
		int64_t r = sfi_posix_syscall(s, nr, a, user);
		late_wait_ms = now_ms() - t;
		return r;
	}
	return sfi_posix_syscall(s, nr, a, user);
}

/* A sandbox after a time-out: dead; reset (with a new layer, posix.h) it works again. */
static int reset_and_check(const char *what)
{
	uint64_t r = 0;
	CHECK(sfi_sandbox_state(sb) == SFI_STATE_DEAD);
	CHECK(sfi_call_u64(sb, "alive", 0, NULL, &r) == SFI_ERR_TIMEOUT); /* still dead */
	sfi_posix_destroy(px);
	CHECK(sfi_sandbox_reset(sb) == SFI_OK);
	px = sfi_posix_create(sb);
	CHECK(px);
	CHECK(sfi_call_u64(sb, "alive", 0, NULL, &r) == SFI_OK && r == 42);
	printf("%s: SFI_ERR_TIMEOUT, dead, reset, alive\n", what);
	return 0;
}

enum api { API_U64, API_GENERIC, API_LEAN };

static sfi_status call(enum api api, const char *name, int64_t arg, int64_t *ret)
{
	sfi_func fn;
	sfi_status st = sfi_lookup(sb, name, &fn);
	if (st)
		return st;
	if (api == API_GENERIC) {
		sfi_value a = sfi_i64(arg), r = { .type = SFI_TYPE_I64 };
		st = sfi_call(sb, fn, &a, 1, &r);
		*ret = r.v.i64;
		return st;
	}
	uint64_t r = 0;
	if (api == API_LEAN)
		st = sfi_call_i64(sb, fn, (uint64_t)arg, 0, 0, 0, 0, 0, &r);
	else
		st = sfi_call_u64(sb, name, 1, (const uint64_t *)&arg, &r);
	*ret = (int64_t)r;
	return st;
}

static int blocked(enum api api, const char *name, const char *what)
{
	int64_t r = 0;
	double t0 = now_ms();
	sfi_status st = call(api, name, 0, &r);
	double ms = now_ms() - t0;
	fprintf(stderr, "%s: %s after %.1f ms (limit %d)\n", name, sfi_strerror(st), ms, LIMIT_MS);
	CHECK(st == SFI_ERR_TIMEOUT);
	CHECK(ms >= LIMIT_MS - 1 && ms < LIMIT_MS + SLACK_MS);
	return reset_and_check(what);
}

/* ---- another signal, without SA_RESTART, sent to the sandbox's thread all the time ---- */
static atomic_int storm_on, usr1_seen;
static int stdin_writer;

static void on_usr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&usr1_seen, 1);
}

static void *storm(void *main_thread)
{
	double t0 = now_ms();
	int wrote = 0;
	while (atomic_load(&storm_on)) {
		pthread_kill(*(pthread_t *)main_thread, SIGUSR1);
		if (!wrote && now_ms() - t0 > 100)
			wrote = write(stdin_writer, "x", 1) == 1;
		usleep(1000);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	module = argv[1];

	/* the sandbox's stdin: a pipe the storm thread writes into later */
	int in[2];
	if (pipe(in) || dup2(in[0], 0) < 0)
		return 2;
	stdin_writer = in[1];

	sfi_options opt;
	sfi_options_init(&opt);
	opt.time_limit_ms = LIMIT_MS;
	CHECK(sfi_sandbox_create(&opt, &sb) == SFI_OK);
	px = sfi_posix_create(sb);
	CHECK(px);
	CHECK(sfi_sandbox_load_file(sb, module) == SFI_OK);

	if (blocked(API_U64, "block_read", "read via sfi_call_u64") ||
	    blocked(API_GENERIC, "block_sleep", "sleep via sfi_call") ||
	    blocked(API_LEAN, "block_poll", "poll via sfi_call_i64") ||
	    blocked(API_U64, "block_ppoll", "ppoll via sfi_call_u64"))
		return 1;

	CHECK(sfi_set_syscall_handler(sb, late_handler, px) == SFI_OK);
	late_armed = 1;
	int64_t r = 0;
	CHECK(call(API_LEAN, "block_read", 0, &r) == SFI_ERR_TIMEOUT);
	fprintf(stderr, "read after the deadline: ended %.1f ms after it started\n", late_wait_ms);
	CHECK(!late_armed && late_wait_ms >= 0 && late_wait_ms < SLACK_MS);
	if (reset_and_check("read after the deadline passed in host code"))
		return 1;

	/* a generous limit: sleeps and waits end as the program asked, never with EINTR */
	sfi_posix_destroy(px);
	sfi_sandbox_destroy(sb);
	opt.time_limit_ms = 20000;
	CHECK(sfi_sandbox_create(&opt, &sb) == SFI_OK);
	px = sfi_posix_create(sb);
	CHECK(px);
	CHECK(sfi_sandbox_load_file(sb, module) == SFI_OK);
	double t0 = now_ms();
	CHECK(call(API_LEAN, "sleep_ms", 20, &r) == SFI_OK);
	double ms = now_ms() - t0;
	fprintf(stderr, "sleep_ms(20): %lld after %.1f ms\n", (long long)r, ms);
	CHECK(ms >= 20);
	printf("short sleep: %lld\n", (long long)r);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK; /* no SA_RESTART: every wait it hits returns EINTR */
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	pthread_t self = pthread_self(), th;
	atomic_store(&storm_on, 1);
	CHECK(pthread_create(&th, NULL, storm, &self) == 0);
	int64_t slept = 0, polled = 0, got = 0;
	t0 = now_ms();
	CHECK(call(API_LEAN, "read_stdin", 0, &got) == SFI_OK); /* blocks until the storm writes */
	double read_ms = now_ms() - t0;
	t0 = now_ms();
	CHECK(call(API_U64, "sleep_ms", 150, &slept) == SFI_OK);
	double sleep_ms = now_ms() - t0;
	t0 = now_ms();
	CHECK(call(API_GENERIC, "poll_ms", 100, &polled) == SFI_OK);
	double poll_ms = now_ms() - t0;
	int seen = atomic_load(&usr1_seen);
	atomic_store(&storm_on, 0);
	pthread_join(th, NULL);
	fprintf(stderr, "under %d signals: read %lld after %.1f ms, sleep_ms(150) %lld after %.1f ms, "
	        "poll_ms(100) %lld after %.1f ms\n", seen, (long long)got, read_ms, (long long)slept,
	        sleep_ms, (long long)polled, poll_ms);
	CHECK(got == 'x' && slept == 0 && polled == 0); /* no EINTR, no early return */
	CHECK(seen > 10);                               /* and the storm did hit the waits */
	CHECK(sleep_ms >= 150 && sleep_ms < 150 + SLACK_MS);
	CHECK(poll_ms >= 100 && poll_ms < 100 + SLACK_MS);
	printf("under signals: sleep %lld, poll %lld, read '%c'\n", (long long)slept, (long long)polled,
	       got > 0 && got < 256 ? (char)got : '?');

	sfi_posix_destroy(px);
	sfi_sandbox_destroy(sb);
	return 0;
}
