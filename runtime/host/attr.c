/* File attributes: fchmod, fchown, utimensat (bzip2, cp-like programs copy the input's
 * mode, owner and times onto the output). Only on files the sandbox could open for itself,
 * never below a read-only grant; set-id bits are dropped and owners can only stay the
 * sandbox's own (the host may run as root: the sandbox must not hand out root files). */
#include "internal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <unistd.h>

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif

int64_t px_sys_fchmod(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = px_fd_get(px, a[0]);
	if (!f)
		return -EBADF;
	if (f->readonly)
		return -EROFS;
	return fchmod(f->host, (mode_t)(a[1] & 01777)) ? -errno : 0;
}

int64_t px_sys_fchown(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = px_fd_get(px, a[0]);
	if (!f)
		return -EBADF;
	if (f->readonly)
		return -EROFS;
	uint32_t uid = (uint32_t)a[1], gid = (uint32_t)a[2];
	if ((uid != (uint32_t)-1 && uid != geteuid()) || (gid != (uint32_t)-1 && gid != getegid()))
		return -EPERM;
	return 0; /* a no-op by construction */
}

/* chmod by path: resolve beneath the grant to an O_PATH fd, then change the file that fd
 * names through its /proc/self/fd link (fchmod does not take O_PATH fds, and fchmodat has no
 * flags before Linux 6.6). The link is only ever the host's own, for a file already
 * resolved below the grant. */
static int64_t do_chmod(struct sfi_posix *px, uint64_t dirfd, uint64_t path, uint64_t mode)
{
	struct px_path p;
	int r = px_resolve(px, dirfd, path, &p);
	if (r)
		return r;
	if (p.readonly)
		return -EROFS;
	int fd = px_open_beneath(&p, O_PATH, 0);
	if (fd < 0)
		return fd;
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	r = chmod(link, (mode_t)(mode & 01777)) ? -errno : 0;
	close(fd);
	return r;
}

int64_t px_sys_chmod(struct sfi_posix *px, const uint64_t a[6])
{
	return do_chmod(px, (uint64_t)(int64_t)AT_FDCWD, a[0], a[1]);
}

int64_t px_sys_fchmodat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_chmod(px, a[0], a[1], a[2]);
}

/* truncate by path: open for writing beneath the grant, then ftruncate. */
int64_t px_sys_truncate(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_path p;
	int r = px_resolve(px, (uint64_t)(int64_t)AT_FDCWD, a[0], &p);
	if (r)
		return r;
	int fd = px_open_beneath(&p, O_WRONLY, 0); /* EROFS below read-only grants */
	if (fd < 0)
		return fd;
	r = ftruncate(fd, (off_t)a[1]) ? -errno : 0;
	close(fd);
	return r;
}

/* utimensat(dirfd, path, times, flags); path NULL means the fd itself (futimens). */
int64_t px_sys_utimensat(struct sfi_posix *px, const uint64_t a[6])
{
	struct timespec ts[2], *tp = NULL;
	if (a[2]) {
		if (px_copy_out(px, ts, a[2], sizeof ts))
			return -EFAULT;
		tp = ts;
	}
	if (a[3] & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!a[1]) {
		struct px_fd *f = px_fd_get(px, a[0]);
		if (!f)
			return -EBADF;
		if (f->readonly)
			return -EROFS;
		return futimens(f->host, tp) ? -errno : 0;
	}
	struct px_path p;
	int r = px_resolve(px, a[0], a[1], &p);
	if (r)
		return r;
	if (p.readonly)
		return -EROFS;
	/* Resolve beneath the grant (symlinks only inside it), then act on that fd. */
	int fd = px_open_beneath(&p, O_PATH | ((a[3] & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0), 0);
	if (fd < 0)
		return fd;
	r = utimensat(fd, "", tp, AT_EMPTY_PATH) ? -errno : 0;
	close(fd);
	return r;
}
