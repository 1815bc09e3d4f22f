/* I/O on guest fds. Data the sandbox writes may sit in read-only memory (string literals),
 * so writes copy it out through a bounce buffer when it is not writable; reads go straight
 * into checked, writable sandbox memory. */
#include "internal.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define BOUNCE sizeof px->bounce
#define MAX_IOV 1024 /* IOV_MAX */

static struct px_fd *fd_or_null(struct sfi_posix *px, uint64_t fd) { return px_fd_get(px, fd); }

/* read/write (off < 0) or pread/pwrite at off of host memory p on a host fd: a pipe or a
 * terminal may block, so the call's time limit may end it (px_wait). Result or -errno. */
static int64_t transfer(int writing, int host, const void *p, uint64_t len, int64_t off)
{
	long nr = writing ? (off < 0 ? SYS_write : SYS_pwrite64) : (off < 0 ? SYS_read : SYS_pread64);
	return px_wait(nr, (uint64_t)host, (uint64_t)(uintptr_t)p, len, (uint64_t)off, 0, 0);
}

/* Writes [buf, buf+len) of sandbox memory to host fd at off (-1: current position). */
static int64_t put(struct sfi_posix *px, int host, uint64_t buf, uint64_t len, int64_t off)
{
	void *p;
	if (len == 0)
		return px_copy_out(px, NULL, buf, 0) ? -EFAULT : 0;
	if (len > SSIZE_MAX)
		len = SSIZE_MAX;
	if (!px_writable(px, buf, len, &p))
		return transfer(1, host, p, len, off);
	/* Read-only (or partly unmapped) source: copy it out in pieces. */
	char *bounce = px->bounce; /* R25: one call at a time in this sandbox */
	int64_t done = 0;
	while ((uint64_t)done < len) {
		uint64_t chunk = len - (uint64_t)done < BOUNCE ? len - (uint64_t)done : BOUNCE;
		if (px_copy_out(px, bounce, buf + (uint64_t)done, chunk))
			return done ? done : -EFAULT;
		int64_t n = transfer(1, host, bounce, chunk, off < 0 ? off : off + done);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((uint64_t)n < chunk)
			break;
	}
	return done;
}

static int64_t get(struct sfi_posix *px, int host, uint64_t buf, uint64_t len, int64_t off)
{
	void *p;
	if (len > SSIZE_MAX)
		len = SSIZE_MAX;
	if (px_writable(px, buf, len, &p))
		return -EFAULT;
	return transfer(0, host, p, len, off);
}

int64_t px_sys_read(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	return f ? get(px, f->host, a[1], a[2], -1) : -EBADF;
}

int64_t px_sys_write(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	return f ? put(px, f->host, a[1], a[2], -1) : -EBADF;
}

int64_t px_sys_pread64(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	return (int64_t)a[3] < 0 ? -EINVAL : get(px, f->host, a[1], a[2], (int64_t)a[3]);
}

int64_t px_sys_pwrite64(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	return (int64_t)a[3] < 0 ? -EINVAL : put(px, f->host, a[1], a[2], (int64_t)a[3]);
}

/* readv/writev: one element at a time. Stops at the first short transfer, like the kernel
 * would report it (a partial count), so musl's stdio sees ordinary semantics. */
static int64_t vec(struct sfi_posix *px, const uint64_t a[6], int writing)
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	uint64_t n = a[2];
	if (n > MAX_IOV)
		return -EINVAL;
	struct iovec iov[MAX_IOV];
	if (n && px_copy_out(px, iov, a[1], n * sizeof *iov))
		return -EFAULT;
	int64_t total = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t len = iov[i].iov_len;
		if (!len)
			continue;
		int64_t r = writing ? put(px, f->host, (uint64_t)iov[i].iov_base, len, -1)
		                    : get(px, f->host, (uint64_t)iov[i].iov_base, len, -1);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint64_t)r < len)
			break;
	}
	return total;
}

int64_t px_sys_readv(struct sfi_posix *px, const uint64_t a[6]) { return vec(px, a, 0); }
int64_t px_sys_writev(struct sfi_posix *px, const uint64_t a[6]) { return vec(px, a, 1); }

int64_t px_sys_lseek(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	off_t r = lseek(f->host, (off_t)a[1], (int)a[2]);
	return r < 0 ? -errno : r;
}

int64_t px_sys_close(struct sfi_posix *px, const uint64_t a[6]) { return px_fd_close(px, a[0]); }

/* Only the terminal queries musl's stdio and isatty() make, and only on the host's own
 * terminals (fds 0-2 when they are ttys); everything else is "not a tty". */
int64_t px_sys_ioctl(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	if (f->tty < 0)
		f->tty = isatty(f->host);
	if (!f->tty)
		return -ENOTTY;
	if (a[1] == TIOCGWINSZ) {
		struct winsize ws;
		if (ioctl(f->host, TIOCGWINSZ, &ws))
			return -errno;
		return px_copy_in(px, a[2], &ws, sizeof ws);
	}
	if (a[1] == TCGETS) {
		/* The kernel's struct termios is 36 bytes (musl's is longer; it reads only
		 * these). glibc's is a superset, so use a big enough buffer. */
		unsigned char t[64];
		if (ioctl(f->host, TCGETS, t))
			return -errno;
		return px_copy_in(px, a[2], t, 36);
	}
	return -ENOTTY;
}

int64_t px_sys_fcntl(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	int r;
	switch (a[1]) {
	case F_GETFD:
		return f->cloexec ? FD_CLOEXEC : 0;
	case F_SETFD:
		f->cloexec = !!(a[2] & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		r = fcntl(f->host, F_GETFL);
		return r < 0 ? -errno : r;
	case F_SETFL:
		if (!f->owned)
			return -EPERM; /* the host's own 0-2: their flags are the host's business */
		r = fcntl(f->host, F_SETFL, (int)(a[2] & (O_APPEND | O_NONBLOCK)));
		return r < 0 ? -errno : 0;
	case F_DUPFD:
	case F_DUPFD_CLOEXEC: {
		if (a[2] >= PX_MAX_FDS)
			return -EINVAL;
		int h = fcntl(f->host, F_DUPFD_CLOEXEC, 3);
		if (h < 0)
			return -errno;
		return px_fd_install(px, h, f->readonly, a[1] == F_DUPFD_CLOEXEC, (int)a[2]);
	}
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW: {
		/* Advisory record locks on the sandbox's own files (sqlite locks its database).
		 * F_SETLKW may wait for another process: the call's time limit ends the wait. */
		struct flock fl;
		if (px_copy_out(px, &fl, a[2], sizeof fl))
			return -EFAULT;
		int64_t lr = px_wait(SYS_fcntl, (uint64_t)f->host, a[1], (uint64_t)(uintptr_t)&fl, 0, 0, 0);
		if (lr < 0)
			return lr;
		return a[1] == F_GETLK ? px_copy_in(px, a[2], &fl, sizeof fl) : 0;
	}
	default:
		return -EINVAL;
	}
}

static int64_t dup_to(struct sfi_posix *px, uint64_t old, uint64_t new, int cloexec)
{
	struct px_fd *f = fd_or_null(px, old);
	if (!f || new >= PX_MAX_FDS)
		return -EBADF;
	if (old == new)
		return (int64_t)new;
	int h = fcntl(f->host, F_DUPFD_CLOEXEC, 3);
	if (h < 0)
		return -errno;
	int ro = f->readonly;
	px_fd_close(px, new);
	return px_fd_install(px, h, ro, cloexec, (int)new);
}

int64_t px_sys_dup(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	int h = fcntl(f->host, F_DUPFD_CLOEXEC, 3);
	if (h < 0)
		return -errno;
	return px_fd_install(px, h, f->readonly, 0, 0);
}

int64_t px_sys_dup2(struct sfi_posix *px, const uint64_t a[6])
{
	return dup_to(px, a[0], a[1], 0);
}

int64_t px_sys_dup3(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[0] == a[1] || (a[2] & ~(uint64_t)O_CLOEXEC))
		return -EINVAL;
	return dup_to(px, a[0], a[1], !!(a[2] & O_CLOEXEC));
}

int64_t px_sys_pipe2(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[1] & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	void *p;
	if (px_writable(px, a[0], 2 * sizeof(int), &p))
		return -EFAULT;
	int h[2];
	if (pipe2(h, O_CLOEXEC | (int)(a[1] & O_NONBLOCK)))
		return -errno;
	int g0 = px_fd_install(px, h[0], 0, !!(a[1] & O_CLOEXEC), 0);
	if (g0 < 0) {
		close(h[1]);
		return g0;
	}
	int g1 = px_fd_install(px, h[1], 0, !!(a[1] & O_CLOEXEC), 0);
	if (g1 < 0) {
		px_fd_close(px, (uint64_t)g0);
		return g1;
	}
	int g[2] = { g0, g1 };
	return px_copy_in(px, a[0], g, sizeof g);
}

int64_t px_sys_pipe(struct sfi_posix *px, const uint64_t a[6])
{
	uint64_t b[6] = { a[0], 0, 0, 0, 0, 0 };
	return px_sys_pipe2(px, b);
}

int64_t px_sys_fsync(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	return fsync(f->host) ? -errno : 0;
}

int64_t px_sys_fdatasync(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	return fdatasync(f->host) ? -errno : 0;
}

int64_t px_sys_ftruncate(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	return ftruncate(f->host, (off_t)a[1]) ? -errno : 0;
}

int64_t px_sys_fadvise64(struct sfi_posix *px, const uint64_t a[6])
{
	return fd_or_null(px, a[0]) ? 0 : -EBADF; /* advice only */
}

int64_t px_sys_getdents64(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = fd_or_null(px, a[0]);
	if (!f)
		return -EBADF;
	uint64_t len = a[2] > (1u << 20) ? (1u << 20) : a[2];
	void *p;
	if (px_writable(px, a[1], len, &p))
		return -EFAULT;
	long n = syscall(SYS_getdents64, f->host, p, (size_t)len);
	return n < 0 ? -errno : n;
}

/* poll/ppoll on guest fds: translated to host fds; an fd that is not open reports POLLNVAL,
 * as the kernel does. The wait is a host ppoll (px_wait: the call's time limit ends it; the
 * kernel counts *timeout down, so a retry waits only for what is left). timeout NULL: no
 * limit. ppoll's signal mask is ignored: signals are never delivered. */
static int64_t do_poll(struct sfi_posix *px, uint64_t ufds, uint64_t n, struct timespec *timeout)
{
	if (n > PX_MAX_FDS)
		return -EINVAL;
	struct pollfd g[PX_MAX_FDS], h[PX_MAX_FDS];
	if (n && px_copy_out(px, g, ufds, n * sizeof *g))
		return -EFAULT;
	for (uint64_t i = 0; i < n; i++) {
		struct px_fd *f = g[i].fd < 0 ? NULL : fd_or_null(px, (uint64_t)g[i].fd);
		h[i] = (struct pollfd){ .fd = f ? f->host : -1, .events = g[i].events };
	}
	int64_t r = px_wait(SYS_ppoll, (uint64_t)(uintptr_t)h, n, (uint64_t)(uintptr_t)timeout, 0, 0, 0);
	if (r < 0)
		return r;
	int ready = 0;
	for (uint64_t i = 0; i < n; i++) {
		g[i].revents = g[i].fd >= 0 && h[i].fd < 0 ? POLLNVAL : h[i].revents;
		ready += g[i].revents != 0;
	}
	if (n && px_copy_in(px, ufds, g, n * sizeof *g))
		return -EFAULT;
	return ready;
}

int64_t px_sys_poll(struct sfi_posix *px, const uint64_t a[6])
{
	int ms = (int)a[2];
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	return do_poll(px, a[0], a[1], ms < 0 ? NULL : &ts);
}

int64_t px_sys_ppoll(struct sfi_posix *px, const uint64_t a[6])
{
	struct timespec ts;
	if (a[2]) {
		if (px_copy_out(px, &ts, a[2], sizeof ts))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			return -EINVAL;
	}
	return do_poll(px, a[0], a[1], a[2] ? &ts : NULL);
}
