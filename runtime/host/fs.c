/* Files: every guest path is looked up below a directory the host granted.
 *
 * An absolute guest path selects the grant with the longest matching guest prefix (whole
 * components); a relative one is joined to the guest cwd first, or looked up below a guest
 * directory fd (which was itself opened below a grant). The rest of the path is resolved by
 * the kernel with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) relative to the grant's
 * directory fd, so `..`, absolute symlinks and symlinks leading out fail (EXDEV, ELOOP) no
 * matter what the path says. Calls that have no openat2 form (unlink, mkdir, rename, lstat,
 * readlink) open the parent directory that way and act on a single final component. */
#include "internal.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif

/* glibc 2.36 has no openat2 wrapper. The open of a FIFO waits for the other end: px_wait. */
static int sys_openat2(int dirfd, const char *path, struct open_how *how)
{
	return (int)px_wait(SYS_openat2, (uint64_t)dirfd, (uint64_t)(uintptr_t)path,
	                    (uint64_t)(uintptr_t)how, sizeof *how, 0, 0);
}

static const struct px_grant *match_grant(struct sfi_posix *px, const char *abs, const char **rest)
{
	const struct px_grant *best = NULL;
	for (int i = 0; i < px->ngrants; i++) {
		const struct px_grant *g = &px->grants[i];
		size_t n = g->guest_len;
		int root = n == 1; /* "/" matches everything */
		if (!root && (strncmp(abs, g->guest, n) || (abs[n] != 0 && abs[n] != '/')))
			continue;
		if (!best || n > best->guest_len) {
			best = g;
			*rest = abs + (root ? 0 : n);
		}
	}
	return best;
}

static int set_rel(struct px_path *out, const char *rest)
{
	while (*rest == '/')
		rest++;
	if (!*rest)
		rest = ".";
	if (strlen(rest) >= sizeof out->rel)
		return -ENAMETOOLONG;
	strcpy(out->rel, rest);
	return 0;
}

int px_resolve(struct sfi_posix *px, uint64_t dirfd, uint64_t path_addr, struct px_path *out)
{
	char path[PATH_MAX];
	int r = px_string(px, path_addr, path, sizeof path);
	if (r)
		return r;
	if (!*path)
		return -ENOENT;
	if (path[0] != '/' && (int)dirfd != AT_FDCWD) {
		struct px_fd *f = px_fd_get(px, dirfd);
		if (!f)
			return -EBADF;
		out->dirfd = f->host;
		out->readonly = f->readonly;
		return set_rel(out, path);
	}
	char abs[PATH_MAX];
	if (path[0] == '/') {
		strcpy(abs, path);
	} else if ((size_t)snprintf(abs, sizeof abs, "%s/%s", px->cwd, path) >= sizeof abs) {
		return -ENAMETOOLONG;
	}
	const char *rest = NULL;
	const struct px_grant *g = match_grant(px, abs, &rest);
	if (!g)
		return -ENOENT; /* nothing is visible outside the grants */
	out->dirfd = g->dirfd;
	out->readonly = g->readonly;
	return set_rel(out, rest);
}

/* glibc defines O_LARGEFILE as 0 on x86-64; musl passes the kernel's bit. */
#define KERNEL_O_LARGEFILE 0100000

#define ALLOWED_OPEN_FLAGS                                                                     \
	(O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_NONBLOCK | O_DIRECTORY |        \
	 O_NOFOLLOW | O_CLOEXEC | KERNEL_O_LARGEFILE | O_NOCTTY | O_SYNC | O_DSYNC | O_NOATIME | O_PATH)

int px_open_beneath(const struct px_path *p, uint64_t flags, uint64_t mode)
{
	if (flags & ~(uint64_t)ALLOWED_OPEN_FLAGS)
		return -EINVAL; /* O_TMPFILE, O_DIRECT, ...: not offered */
	if (p->readonly && ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC))))
		return -EROFS;
	struct open_how how = {
		.flags = (flags | O_CLOEXEC) & ~(uint64_t)O_NOCTTY,
		.mode = (flags & O_CREAT) ? (mode & 01777) : 0, /* no set-id files */
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	return sys_openat2(p->dirfd, p->rel, &how);
}

int px_open_parent(const struct px_path *p, char *base, size_t cap)
{
	char dir[PATH_MAX];
	strcpy(dir, p->rel);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = 0; /* "a/b/" names b */
	char *slash = strrchr(dir, '/');
	const char *last = slash ? slash + 1 : dir;
	if (!strcmp(last, ".") || !strcmp(last, "..") || !*last)
		return -EBUSY; /* the grant root or a dot name: not something to unlink/rename */
	if (strlen(last) >= cap)
		return -ENAMETOOLONG;
	strcpy(base, last);
	struct px_path parent = *p;
	if (slash) {
		*slash = 0;
		strcpy(parent.rel, *dir ? dir : "/"); /* "/x" cannot happen: rel is relative */
	} else {
		strcpy(parent.rel, ".");
	}
	return px_open_beneath(&parent, O_PATH | O_DIRECTORY, 0);
}

static int64_t do_open(struct sfi_posix *px, uint64_t dirfd, uint64_t path, uint64_t flags,
                       uint64_t mode)
{
	struct px_path p;
	int r = px_resolve(px, dirfd, path, &p);
	if (r)
		return r;
	int fd = px_open_beneath(&p, flags, mode & ~(uint64_t)px->umask);
	if (fd < 0)
		return fd;
	/* A directory opened below a read-only grant stays read-only for *at calls. */
	return px_fd_install(px, fd, p.readonly, !!(flags & O_CLOEXEC), 0);
}

int64_t px_sys_open(struct sfi_posix *px, const uint64_t a[6])
{
	return do_open(px, (uint64_t)(int64_t)AT_FDCWD, a[0], a[1], a[2]);
}

int64_t px_sys_openat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_open(px, a[0], a[1], a[2], a[3]);
}

/* stat family. The kernel's struct stat is what musl's x86-64 struct stat is. */
static int64_t put_stat(struct sfi_posix *px, uint64_t buf, const struct stat *st)
{
	return px_copy_in(px, buf, st, sizeof *st);
}

static int64_t stat_fd(struct sfi_posix *px, int host, uint64_t buf)
{
	struct stat st;
	if (fstat(host, &st))
		return -errno;
	return put_stat(px, buf, &st);
}

static int64_t do_stat(struct sfi_posix *px, uint64_t dirfd, uint64_t path, uint64_t buf,
                       uint64_t flags)
{
	if (flags & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH) {
		char c;
		int r = px_copy_out(px, &c, path, 1);
		if (r)
			return r;
		if (!c) {
			if ((int)dirfd == AT_FDCWD)
				return -ENOENT; /* the cwd is a guest path, not an fd */
			struct px_fd *f = px_fd_get(px, dirfd);
			return f ? stat_fd(px, f->host, buf) : -EBADF;
		}
	}
	struct px_path p;
	int r = px_resolve(px, dirfd, path, &p);
	if (r)
		return r;
	if (flags & AT_SYMLINK_NOFOLLOW) {
		char base[NAME_MAX + 1];
		int dfd = px_open_parent(&p, base, sizeof base);
		if (dfd == -EBUSY) /* the grant root itself: not a symlink */
			dfd = px_open_beneath(&p, O_PATH, 0), base[0] = 0;
		if (dfd < 0)
			return dfd;
		struct stat st;
		int ok = base[0] ? fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW)
		                 : fstat(dfd, &st);
		int e = errno;
		close(dfd);
		return ok ? -e : put_stat(px, buf, &st);
	}
	int fd = px_open_beneath(&p, O_PATH, 0);
	if (fd < 0)
		return fd;
	int64_t ret = stat_fd(px, fd, buf);
	close(fd);
	return ret;
}

int64_t px_sys_stat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_stat(px, (uint64_t)(int64_t)AT_FDCWD, a[0], a[1], 0);
}

int64_t px_sys_lstat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_stat(px, (uint64_t)(int64_t)AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW);
}

int64_t px_sys_newfstatat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_stat(px, a[0], a[1], a[2], a[3]);
}

int64_t px_sys_fstat(struct sfi_posix *px, const uint64_t a[6])
{
	struct px_fd *f = px_fd_get(px, a[0]);
	return f ? stat_fd(px, f->host, a[1]) : -EBADF;
}

/* access: open the file itself beneath the grant (following symlinks only inside it), then
 * ask about that fd, so a symlink out cannot be probed. */
static int64_t do_access(struct sfi_posix *px, uint64_t dirfd, uint64_t path, uint64_t mode)
{
	if (mode & ~(uint64_t)(R_OK | W_OK | X_OK))
		return -EINVAL;
	struct px_path p;
	int r = px_resolve(px, dirfd, path, &p);
	if (r)
		return r;
	int fd = px_open_beneath(&p, O_PATH, 0);
	if (fd < 0)
		return fd;
	if ((mode & W_OK) && p.readonly) {
		close(fd);
		return -EROFS;
	}
	long ok = syscall(SYS_faccessat2, fd, "", (int)mode, AT_EMPTY_PATH);
	int e = errno;
	close(fd);
	return ok ? -e : 0;
}

int64_t px_sys_access(struct sfi_posix *px, const uint64_t a[6])
{
	return do_access(px, (uint64_t)(int64_t)AT_FDCWD, a[0], a[1]);
}

int64_t px_sys_faccessat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_access(px, a[0], a[1], a[2]);
}

int64_t px_sys_faccessat2(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[3] & ~(uint64_t)AT_EACCESS)
		return -EINVAL;
	return do_access(px, a[0], a[1], a[2]);
}

/* Calls that change a directory: parent beneath the grant + one component. */
static int64_t in_parent(struct sfi_posix *px, uint64_t dirfd, uint64_t path, int *dfd,
                         char *base, size_t cap)
{
	struct px_path p;
	int r = px_resolve(px, dirfd, path, &p);
	if (r)
		return r;
	if (p.readonly)
		return -EROFS;
	*dfd = px_open_parent(&p, base, cap);
	return *dfd < 0 ? *dfd : 0;
}

static int64_t do_unlink(struct sfi_posix *px, uint64_t dirfd, uint64_t path, uint64_t flags)
{
	if (flags & ~(uint64_t)AT_REMOVEDIR)
		return -EINVAL;
	char base[NAME_MAX + 1];
	int dfd;
	int64_t r = in_parent(px, dirfd, path, &dfd, base, sizeof base);
	if (r)
		return r;
	r = unlinkat(dfd, base, (int)flags) ? -errno : 0;
	close(dfd);
	return r;
}

int64_t px_sys_unlink(struct sfi_posix *px, const uint64_t a[6])
{
	return do_unlink(px, (uint64_t)(int64_t)AT_FDCWD, a[0], 0);
}

int64_t px_sys_rmdir(struct sfi_posix *px, const uint64_t a[6])
{
	return do_unlink(px, (uint64_t)(int64_t)AT_FDCWD, a[0], AT_REMOVEDIR);
}

int64_t px_sys_unlinkat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_unlink(px, a[0], a[1], a[2]);
}

static int64_t do_mkdir(struct sfi_posix *px, uint64_t dirfd, uint64_t path, uint64_t mode)
{
	char base[NAME_MAX + 1];
	int dfd;
	int64_t r = in_parent(px, dirfd, path, &dfd, base, sizeof base);
	if (r)
		return r == -EBUSY ? -EEXIST : r;
	r = mkdirat(dfd, base, (mode_t)(mode & 01777 & ~px->umask)) ? -errno : 0;
	close(dfd);
	return r;
}

int64_t px_sys_mkdir(struct sfi_posix *px, const uint64_t a[6])
{
	return do_mkdir(px, (uint64_t)(int64_t)AT_FDCWD, a[0], a[1]);
}

int64_t px_sys_mkdirat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_mkdir(px, a[0], a[1], a[2]);
}

static int64_t do_rename(struct sfi_posix *px, uint64_t od, uint64_t op, uint64_t nd, uint64_t np,
                         uint64_t flags)
{
	if (flags & ~(uint64_t)(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	char ob[NAME_MAX + 1], nb[NAME_MAX + 1];
	int ofd, nfd;
	int64_t r = in_parent(px, od, op, &ofd, ob, sizeof ob);
	if (r)
		return r;
	r = in_parent(px, nd, np, &nfd, nb, sizeof nb);
	if (r) {
		close(ofd);
		return r;
	}
	r = syscall(SYS_renameat2, ofd, ob, nfd, nb, (unsigned)flags) ? -errno : 0;
	close(ofd);
	close(nfd);
	return r;
}

int64_t px_sys_rename(struct sfi_posix *px, const uint64_t a[6])
{
	uint64_t cwd = (uint64_t)(int64_t)AT_FDCWD;
	return do_rename(px, cwd, a[0], cwd, a[1], 0);
}

int64_t px_sys_renameat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_rename(px, a[0], a[1], a[2], a[3], 0);
}

int64_t px_sys_renameat2(struct sfi_posix *px, const uint64_t a[6])
{
	return do_rename(px, a[0], a[1], a[2], a[3], a[4]);
}

static int64_t do_readlink(struct sfi_posix *px, uint64_t dirfd, uint64_t path, uint64_t buf,
                           uint64_t len)
{
	struct px_path p;
	int r = px_resolve(px, dirfd, path, &p);
	if (r)
		return r;
	char base[NAME_MAX + 1];
	int dfd = px_open_parent(&p, base, sizeof base);
	if (dfd < 0)
		return dfd == -EBUSY ? -EINVAL : dfd;
	char tmp[PATH_MAX];
	ssize_t n = readlinkat(dfd, base, tmp, sizeof tmp);
	int e = errno;
	close(dfd);
	if (n < 0)
		return -e;
	if ((uint64_t)n > len)
		n = (ssize_t)len;
	r = px_copy_in(px, buf, tmp, (uint64_t)n);
	return r ? r : n;
}

int64_t px_sys_readlink(struct sfi_posix *px, const uint64_t a[6])
{
	return do_readlink(px, (uint64_t)(int64_t)AT_FDCWD, a[0], a[1], a[2]);
}

int64_t px_sys_readlinkat(struct sfi_posix *px, const uint64_t a[6])
{
	return do_readlink(px, a[0], a[1], a[2], a[3]);
}

int64_t px_sys_getcwd(struct sfi_posix *px, const uint64_t a[6])
{
	size_t n = strlen(px->cwd) + 1;
	if (a[1] < n)
		return -ERANGE;
	int r = px_copy_in(px, a[0], px->cwd, n);
	return r ? r : (int64_t)n;
}

/* The cwd is a guest path; it must name a directory below a grant. */
int64_t px_sys_chdir(struct sfi_posix *px, const uint64_t a[6])
{
	char path[PATH_MAX], abs[PATH_MAX];
	int r = px_string(px, a[0], path, sizeof path);
	if (r)
		return r;
	if (path[0] == '/')
		strcpy(abs, path);
	else if ((size_t)snprintf(abs, sizeof abs, "%s/%s", px->cwd, path) >= sizeof abs)
		return -ENAMETOOLONG;
	struct px_path p;
	if ((r = px_resolve(px, (uint64_t)(int64_t)AT_FDCWD, a[0], &p)))
		return r;
	int fd = px_open_beneath(&p, O_PATH | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	close(fd);
	size_t n = strlen(abs);
	while (n > 1 && abs[n - 1] == '/')
		abs[--n] = 0;
	strcpy(px->cwd, abs);
	return 0;
}

int64_t px_sys_umask(struct sfi_posix *px, const uint64_t a[6])
{
	unsigned old = px->umask;
	px->umask = (unsigned)a[0] & 0777;
	return old;
}
