/* Process-level calls: exit, identity (fixed, fake values: the sandbox learns nothing about
 * the host's processes), the thread pointer (R18), signals (accepted, never delivered),
 * limits, randomness. */
#include "internal.h"

#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#define FAKE_PID 2 /* also the tid: one thread (R25) */
#define FAKE_PPID 1
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

int64_t px_sys_exit(struct sfi_posix *px, const uint64_t a[6])
{
	sfi_request_exit(px->sb, (int)(a[0] & 0xff));
	return 0;
}

int64_t px_sys_exit_group(struct sfi_posix *px, const uint64_t a[6]) { return px_sys_exit(px, a); }

/* R18: %fs-relative accesses use the absolute thread pointer stored in TP_SLOT. */
int64_t px_sys_arch_prctl(struct sfi_posix *px, const uint64_t a[6])
{
	int r = px_mem_init(px);
	if (r)
		return r;
	if (a[0] == ARCH_SET_FS)
		return px_copy_in(px, px->mem.tp_slot, &a[1], sizeof a[1]);
	if (a[0] == ARCH_GET_FS) {
		uint64_t tp;
		if (px_copy_out(px, &tp, px->mem.tp_slot, sizeof tp))
			return -EFAULT;
		return px_copy_in(px, a[1], &tp, sizeof tp);
	}
	return -EINVAL;
}

int64_t px_sys_set_tid_address(struct sfi_posix *px, const uint64_t a[6])
{
	(void)px, (void)a; /* there is no thread exit to clear it at */
	return FAKE_PID;
}

/* Handlers are accepted (musl installs none by itself; programs may) but signals are never
 * delivered into the sandbox. The old action reads as SIG_DFL. */
int64_t px_sys_rt_sigaction(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[0] < 1 || a[0] > 64 || a[3] != 8)
		return -EINVAL;
	if (a[0] == SIGKILL || a[0] == SIGSTOP)
		return a[1] ? -EINVAL : 0;
	if (a[2]) {
		unsigned char none[32]; /* the kernel's struct sigaction: handler flags restorer mask */
		memset(none, 0, sizeof none);
		if (px_copy_in(px, a[2], none, sizeof none))
			return -EFAULT;
	}
	return 0;
}

int64_t px_sys_rt_sigprocmask(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[0] > 2 || a[3] != 8)
		return -EINVAL;
	if (a[2]) {
		uint64_t none = 0;
		if (px_copy_in(px, a[2], &none, sizeof none))
			return -EFAULT;
	}
	return 0;
}

/* No signal is ever delivered, so an alternate signal stack is never used: accepted, and the
 * old one reads as disabled. */
int64_t px_sys_sigaltstack(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[1]) {
		stack_t none = { .ss_flags = SS_DISABLE };
		if (px_copy_in(px, a[1], &none, sizeof none))
			return -EFAULT;
	}
	return 0;
}

/* kill/tkill/tgkill aimed at ourselves with a signal whose default action ends the process
 * (abort()'s SIGABRT, raise(SIGTERM)) end the sandbox with 128 + signo, as a shell reports
 * it. Everything else (other pids, signal 0 probes, ignored signals) does nothing. */
static int64_t self_signal(struct sfi_posix *px, uint64_t sig)
{
	if (sig > 64)
		return -EINVAL;
	switch (sig) {
	case 0: case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
		return 0;
	default:
		sfi_request_exit(px->sb, 128 + (int)sig);
		return 0;
	}
}

int64_t px_sys_kill(struct sfi_posix *px, const uint64_t a[6])
{
	if ((int)a[0] != FAKE_PID && (int)a[0] != 0)
		return -ESRCH;
	return self_signal(px, a[1]);
}

int64_t px_sys_tkill(struct sfi_posix *px, const uint64_t a[6])
{
	return (int)a[0] == FAKE_PID ? self_signal(px, a[1]) : -ESRCH;
}

int64_t px_sys_tgkill(struct sfi_posix *px, const uint64_t a[6])
{
	return (int)a[0] == FAKE_PID && (int)a[1] == FAKE_PID ? self_signal(px, a[2]) : -ESRCH;
}

/* One thread: a wake finds nobody; a wait could never be woken (it would deadlock). */
int64_t px_sys_futex(struct sfi_posix *px, const uint64_t a[6])
{
	(void)px;
	int op = (int)a[1] & 0x7f; /* without FUTEX_PRIVATE_FLAG / CLOCK_REALTIME */
	if (op == 1 /* FUTEX_WAKE */)
		return 0;
	if (op == 0 /* FUTEX_WAIT */)
		return -EAGAIN;
	return -ENOSYS;
}

int64_t px_sys_getpid(struct sfi_posix *px, const uint64_t a[6]) { (void)px, (void)a; return FAKE_PID; }
int64_t px_sys_gettid(struct sfi_posix *px, const uint64_t a[6]) { (void)px, (void)a; return FAKE_PID; }
int64_t px_sys_getppid(struct sfi_posix *px, const uint64_t a[6]) { (void)px, (void)a; return FAKE_PPID; }
/* The real ids, so that permission checks the program makes agree with what the host's
 * kernel will decide for the files it was granted. */
int64_t px_sys_getuid(struct sfi_posix *px, const uint64_t a[6]) { (void)px, (void)a; return getuid(); }
int64_t px_sys_geteuid(struct sfi_posix *px, const uint64_t a[6]) { (void)px, (void)a; return geteuid(); }
int64_t px_sys_getgid(struct sfi_posix *px, const uint64_t a[6]) { (void)px, (void)a; return getgid(); }
int64_t px_sys_getegid(struct sfi_posix *px, const uint64_t a[6]) { (void)px, (void)a; return getegid(); }

int64_t px_sys_uname(struct sfi_posix *px, const uint64_t a[6])
{
	struct utsname u;
	memset(&u, 0, sizeof u);
	strcpy(u.sysname, "Linux");
	strcpy(u.nodename, "sfi");
	strcpy(u.release, "6.1.0-sfi");
	strcpy(u.version, "#1 sfi sandbox");
	strcpy(u.machine, "x86_64");
	strcpy(u.domainname, "(none)");
	return px_copy_in(px, a[0], &u, sizeof u);
}

int64_t px_sys_sysinfo(struct sfi_posix *px, const uint64_t a[6])
{
	struct sysinfo si;
	if (sysinfo(&si))
		return -errno;
	si.procs = 1; /* keep memory and uptime figures; hide the process count */
	return px_copy_in(px, a[0], &si, sizeof si);
}

int64_t px_sys_getrandom(struct sfi_posix *px, const uint64_t a[6])
{
	void *p;
	uint64_t len = a[1] > (1u << 25) ? (1u << 25) : a[1];
	if (px_writable(px, a[0], len, &p))
		return -EFAULT;
	ssize_t n = getrandom(p, len, (unsigned)(a[2] & (GRND_NONBLOCK | GRND_RANDOM)));
	return n < 0 ? -errno : n;
}

/* One CPU: the sandbox runs on one thread. */
int64_t px_sys_sched_getaffinity(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[1] < 8 || (a[1] & 7))
		return -EINVAL;
	uint64_t mask = 1;
	if (px_copy_in(px, a[2], &mask, sizeof mask))
		return -EFAULT;
	return 8;
}

int64_t px_sys_sched_yield(struct sfi_posix *px, const uint64_t a[6])
{
	(void)px, (void)a;
	sched_yield();
	return 0;
}

/* Limits as the sandbox lives them: the stack it really has, an unlimited-looking rest.
 * Setting limits is accepted and ignored (the host's limits are not the sandbox's). */
static void limit_of(struct sfi_posix *px, uint64_t res, struct rlimit *rl)
{
	sfi_layout l;
	rl->rlim_cur = rl->rlim_max = RLIM_INFINITY;
	if (res == RLIMIT_STACK && sfi_sandbox_layout(px->sb, &l) == SFI_OK)
		rl->rlim_cur = rl->rlim_max = l.stack_end - l.stack_start;
	if (res == RLIMIT_NOFILE)
		rl->rlim_cur = rl->rlim_max = PX_MAX_FDS;
}

int64_t px_sys_prlimit64(struct sfi_posix *px, const uint64_t a[6])
{
	if (a[0] != 0 && a[0] != FAKE_PID)
		return -ESRCH;
	if (a[1] >= RLIM_NLIMITS)
		return -EINVAL;
	if (a[3]) {
		struct rlimit rl;
		limit_of(px, a[1], &rl);
		if (px_copy_in(px, a[3], &rl, sizeof rl))
			return -EFAULT;
	}
	return 0;
}

int64_t px_sys_getrlimit(struct sfi_posix *px, const uint64_t a[6])
{
	uint64_t b[6] = { 0, a[0], 0, a[1], 0, 0 };
	return px_sys_prlimit64(px, b);
}
