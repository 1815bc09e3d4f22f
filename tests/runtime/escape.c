/* Every way out of the grants, bad pointers, huge lengths and bad fds must fail with the
 * right errno (and nothing outside the sandbox may change: run_test.cmake checks the
 * "outside" directory afterwards). Each line: what was tried, then the errno name. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *name(int e)
{
	switch (e) {
	case 0: return "OK";
	case ENOENT: return "ENOENT";
	case EXDEV: return "EXDEV";
	case ELOOP: return "ELOOP";
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case EROFS: return "EROFS";
	case EFAULT: return "EFAULT";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case ENOMEM: return "ENOMEM";
	case ENOSYS: return "ENOSYS";
	case ENOTTY: return "ENOTTY";
	case EBUSY: return "EBUSY";
	default: return strerror(e);
	}
}

#define TRY(what, expr)                                                                     \
	do {                                                                                \
		errno = 0;                                                                  \
		long r_ = (long)(expr);                                                     \
		printf("%-28s %s\n", what, r_ < 0 || r_ == (long)MAP_FAILED ? name(errno) : "OK"); \
	} while (0)

static const char code_byte = 0; /* in .rodata: not writable */

int main(int argc, char **argv)
{
	(void)argc;
	const char *outside = argv[1]; /* the host path of the outside directory */
	char abs_outside[512];
	snprintf(abs_outside, sizeof abs_outside, "%s/secret.txt", outside);
	char buf[64];

	/* Paths. */
	TRY("dotdot", open("/box/../outside/secret.txt", O_RDONLY));
	TRY("dotdot relative", open("../outside/secret.txt", O_RDONLY));
	TRY("dotdot create", open("/box/../new.txt", O_WRONLY | O_CREAT, 0644));
	TRY("absolute host path", open(abs_outside, O_RDONLY));
	TRY("etc passwd", open("/etc/passwd", O_RDONLY));
	TRY("root dir", open("/", O_RDONLY));
	TRY("symlink out (relative)", open("/box/rel_link", O_RDONLY));
	TRY("symlink out (absolute)", open("/box/abs_link", O_RDONLY));
	TRY("symlink write through", open("/box/rel_link", O_WRONLY | O_TRUNC));
	TRY("symlink dir out", open("/box/dir_link/secret.txt", O_RDONLY));
	TRY("stat through symlink", stat("/box/abs_link", (struct stat *)buf));
	TRY("proc self", open("/proc/self/maps", O_RDONLY));
	TRY("mkdir outside", mkdir("/box/../evil", 0755));
	TRY("unlink through dotdot", unlink("/box/../outside/secret.txt"));
	TRY("rename out", rename("/box/inside.txt", "/box/../outside/moved.txt"));
	TRY("unlink grant root", rmdir("/box"));
	TRY("chdir out", chdir("/box/.."));
	int dfd = open("/box", O_RDONLY | O_DIRECTORY);
	TRY("openat dirfd dotdot", openat(dfd, "../outside/secret.txt", O_RDONLY));
	TRY("openat dirfd absolute link", openat(dfd, "abs_link", O_RDONLY));
	TRY("symlink create", symlink("/etc/passwd", "/box/new_link"));
	TRY("hard link create", link("/box/inside.txt", "/box/hard"));
	close(dfd);

	/* Read-only grant. */
	TRY("ro write", open("/ro/ro.txt", O_WRONLY));
	TRY("ro create", open("/ro/new.txt", O_WRONLY | O_CREAT, 0644));
	TRY("ro unlink", unlink("/ro/ro.txt"));
	TRY("ro mkdir", mkdir("/ro/d", 0755));
	TRY("ro rename", rename("/ro/ro.txt", "/box/stolen.txt"));

	/* Pointers and lengths. */
	int fd = open("/box/inside.txt", O_RDONLY);
	TRY("open inside", fd);
	TRY("read huge length", read(fd, buf, SIZE_MAX));
	TRY("read length past buffer", read(fd, buf, (size_t)1 << 40));
	TRY("read into NULL", read(fd, NULL, 10));
	TRY("read into host address", read(fd, (void *)(uintptr_t)0x1000, 10));
	TRY("read into rodata", read(fd, (void *)&code_byte, 1));
	TRY("read into code", read(fd, (void *)main, 1));
	TRY("write from NULL", write(1, NULL, 10));
	TRY("write from wrapped range", write(1, (void *)UINTPTR_MAX, 2));
	TRY("writev bad iov", syscall(SYS_writev, 1, (void *)8, 1));
	struct iovec iov = { (void *)16, 4 };
	TRY("writev bad base", writev(1, &iov, 1));
	TRY("open bad path ptr", syscall(SYS_open, (void *)24, O_RDONLY));
	TRY("stat bad buf", syscall(SYS_stat, "/box/inside.txt", (void *)32));
	TRY("getcwd bad buf", syscall(SYS_getcwd, (void *)40, 100));
	TRY("clock bad ptr", syscall(SYS_clock_gettime, 0, (void *)48));

	/* File descriptors. */
	TRY("read bad fd", read(1000, buf, 1));
	TRY("read negative fd", read(-1, buf, 1));
	TRY("close unopened", close(77));
	TRY("host fd number", read(9, buf, 1)); /* a host fd number is not a guest fd */
	TRY("dup2 too big", dup2(1, 100000));
	TRY("fstat bad fd", fstat(555, (struct stat *)buf));
	TRY("ioctl not tty", syscall(SYS_ioctl, fd, 0x5413, buf));

	/* Memory. */
	TRY("mmap exec", mmap(0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	void *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TRY("mmap rw", p);
	TRY("mprotect exec", mprotect(p, 4096, PROT_READ | PROT_EXEC));
	TRY("mmap fixed on code", mmap((void *)((uintptr_t)main & ~4095ul), 4096,
	                               PROT_READ | PROT_WRITE,
	                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	TRY("munmap code", munmap((void *)((uintptr_t)main & ~4095ul), 4096));
	TRY("mmap shared", mmap(0, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	TRY("unknown syscall (ptrace)", syscall(SYS_ptrace, 0, 0, 0, 0));
	TRY("execve", syscall(SYS_execve, "/bin/sh", 0, 0));
	TRY("socket", syscall(SYS_socket, 2, 1, 0));
	TRY("fork", syscall(SYS_fork));
	return 0;
}
