/* Internals of libsfi_posix (include/sfi/posix.h). Every system call gets its raw arguments
 * (uint64_t a[6]) and returns a result or -errno, as the kernel does. Sandbox addresses are
 * never dereferenced before guestmem.c has checked them. */
#ifndef SFI_POSIX_INTERNAL_H
#define SFI_POSIX_INTERNAL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sfi/posix.h>

#define PX_MAX_FDS 1024
#define PX_MAX_GRANTS 64
#define PX_PAGE 4096ULL

struct px_fd {
	int host;     /* host fd, -1 if this guest fd is free */
	int readonly; /* opened below a read-only grant: no writes through it as a directory */
	int cloexec;  /* FD_CLOEXEC as the guest set it (no exec here: only reported back) */
	int owned;    /* 0 for the host's 0-2: closing the guest fd never closes them */
	int tty;      /* a granted tty (the host's 0-2): TCGETS/TIOCGWINSZ pass through; -1 for
	                 the host's 0-2 until the first query asks isatty (io.c) */
};

struct px_grant {
	char *guest;  /* absolute, no trailing slash ("/" for the root) */
	size_t guest_len;
	int dirfd;    /* O_PATH|O_DIRECTORY fd of the host directory */
	int readonly;
};

struct px_mem {
	int ready;
	uint64_t heap_start, heap_end, npages;
	uint64_t *used; /* one bit per heap page: handed out by mmap (mem.c: grows on demand) */
	uint64_t nwords; /* words in used[]: pages from nwords * 64 up are free */
	uint64_t hint;  /* no free page below this page index */
	uint64_t tp_slot;
};

struct sfi_posix {
	sfi_sandbox *sb;
	int trace; /* SFI_TRACE_SYSCALLS */
	int ngrants;
	int nfds;  /* fds[0, nfds) are initialised (fdtable.c); the guest fds above are free */
	unsigned umask;
	struct px_mem mem;
	/* From here on not zeroed by sfi_posix_create (zeroing them was most of the cost of
	 * creating the layer): only the parts the counts above say are read. */
	char cwd[PATH_MAX]; /* guest path */
	struct px_grant grants[PX_MAX_GRANTS];
	struct px_fd fds[PX_MAX_FDS];
	char bounce[65536]; /* write() from read-only sandbox memory (io.c); per sandbox because
	                       different sandboxes run on different threads at once. Only ever
	                       read after io.c wrote it. */
};

typedef int64_t (*px_syscall_fn)(struct sfi_posix *px, const uint64_t a[6]);

/* guestmem.c: checked access to sandbox memory. */
int px_writable(struct sfi_posix *px, uint64_t addr, uint64_t len, void **host); /* 0 or -EFAULT */
int px_copy_out(struct sfi_posix *px, void *dst, uint64_t src, uint64_t len);   /* 0 or -EFAULT */
int px_copy_in(struct sfi_posix *px, uint64_t dst, const void *src, uint64_t len);
/* Reads a NUL-terminated guest string into buf (cap bytes): 0, -EFAULT or -ENAMETOOLONG. */
int px_string(struct sfi_posix *px, uint64_t addr, char *buf, size_t cap);

/* fdtable.c */
void px_fd_init(struct sfi_posix *px);
void px_fd_close_all(struct sfi_posix *px);
struct px_fd *px_fd_get(struct sfi_posix *px, uint64_t guest); /* NULL if not open */
int px_fd_install(struct sfi_posix *px, int host, int readonly, int cloexec, int min);
int px_fd_close(struct sfi_posix *px, uint64_t guest); /* 0 or -EBADF */

/* fs.c: path resolution below grants. */
struct px_path {
	int dirfd;       /* host directory fd the lookup is relative to (not owned) */
	char rel[PATH_MAX]; /* relative path, never absolute, "." for the directory itself */
	int readonly;
};
int px_resolve(struct sfi_posix *px, uint64_t dirfd, uint64_t path_addr, struct px_path *out);
/* Opens p.rel beneath p.dirfd with openat2; returns the host fd or -errno. */
int px_open_beneath(const struct px_path *p, uint64_t flags, uint64_t mode);
/* Splits p into its parent directory (opened, returned as fd the caller closes) and the last
 * component (in *base, never "", "." or ".."): for unlink, mkdir, rename, lstat, readlink. */
int px_open_parent(const struct px_path *p, char *base, size_t cap);

/* mem.c */
int px_mem_init(struct sfi_posix *px);
void px_mem_free(struct sfi_posix *px);
int64_t px_mem_alloc(struct sfi_posix *px, uint64_t len); /* RW pages; address or -errno */

/* wait.c: a system call that may block, ended by the call's time limit (then -EINTR, and the
 * sandbox call ends), retried after other interruptions. Result or -errno. */
int64_t px_wait(long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                uint64_t a5);

/* The system calls, by file. */
#define PX_SYSCALLS(X)                                                                       \
	X(read) X(write) X(readv) X(writev) X(pread64) X(pwrite64) X(lseek) X(close) X(ioctl)    \
	X(fcntl) X(dup) X(dup2) X(dup3) X(pipe) X(pipe2) X(fsync) X(ftruncate) X(fadvise64)      \
	X(getdents64)                                                                            \
	X(open) X(openat) X(stat) X(lstat) X(fstat) X(newfstatat) X(access) X(faccessat)          \
	X(faccessat2) X(unlink) X(unlinkat) X(rmdir) X(mkdir) X(mkdirat) X(rename) X(renameat)    \
	X(renameat2) X(readlink) X(readlinkat) X(getcwd) X(chdir) X(umask)                       \
	X(fchmod) X(fchown) X(utimensat) X(chmod) X(fchmodat) X(truncate) X(fdatasync)           \
	X(mmap) X(munmap) X(mprotect) X(mremap) X(madvise) X(brk)                                \
	X(clock_gettime) X(clock_getres) X(gettimeofday) X(time) X(nanosleep)                    \
	X(clock_nanosleep) X(times)                                                              \
	X(exit) X(exit_group) X(arch_prctl) X(set_tid_address) X(rt_sigaction)                   \
	X(rt_sigprocmask) X(getpid) X(getppid) X(gettid) X(getuid) X(geteuid) X(getgid)           \
	X(getegid) X(uname) X(sysinfo) X(getrandom) X(sched_getaffinity) X(sched_yield)          \
	X(prlimit64) X(getrlimit) X(kill) X(tkill) X(tgkill) X(futex) X(sigaltstack) X(poll)      \
	X(ppoll)

#define PX_DECLARE(name) int64_t px_sys_##name(struct sfi_posix *px, const uint64_t a[6]);
PX_SYSCALLS(PX_DECLARE)
#undef PX_DECLARE

#endif
