/* A plugin whose exports block in host system calls (driven by blocking_host.c): a read from a
 * pipe nobody writes, an hour's sleep, polls without a timeout. Each returns what the system
 * call returned, or -errno, so a spurious EINTR shows as -4. */
#define _GNU_SOURCE /* ppoll */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

static int empty[2] = { -1, -1 }; /* both ends stay open in here: a read never sees EOF */

static int empty_pipe(void)
{
	if (empty[0] < 0 && pipe(empty))
		return -1;
	return empty[0];
}

long block_read(void)
{
	char c;
	int fd = empty_pipe();
	return fd < 0 ? -errno : read(fd, &c, 1) < 0 ? -errno : 1;
}

long block_sleep(void)
{
	struct timespec ts = { 3600, 0 };
	return nanosleep(&ts, NULL) ? -errno : 0;
}

long block_poll(void)
{
	struct pollfd p = { empty_pipe(), POLLIN, 0 };
	return poll(&p, 1, -1) < 0 ? -errno : p.revents;
}

long block_ppoll(void)
{
	struct pollfd p = { empty_pipe(), POLLIN, 0 };
	return ppoll(&p, 1, NULL, NULL) < 0 ? -errno : p.revents;
}

long sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	return nanosleep(&ts, NULL) ? -errno : 0;
}

long poll_ms(long ms)
{
	struct pollfd p = { empty_pipe(), POLLIN, 0 };
	int r = poll(&p, 1, (int)ms);
	return r < 0 ? -errno : r;
}

/* one byte from stdin (the host makes it a pipe it writes later) */
long read_stdin(void)
{
	unsigned char c;
	ssize_t n = read(0, &c, 1);
	return n < 0 ? -errno : n == 0 ? -1000 : c;
}

long alive(void) { return 42; }
