/* The dispatch table: Linux x86-64 system-call number -> implementation. Deny by default:
 * a number not listed here is -ENOSYS (logged with SFI_TRACE_SYSCALLS=1). */
#include "internal.h"

#include <sys/syscall.h>

#define PX_ENTRY(name) [SYS_##name] = { px_sys_##name, #name },

static const struct {
	px_syscall_fn fn;
	const char *name;
} table[] = { PX_SYSCALLS(PX_ENTRY) };

#define NTABLE (sizeof table / sizeof *table)

int64_t sfi_posix_syscall(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *user)
{
	struct sfi_posix *px = user;
	(void)sb;
	if (nr >= NTABLE || !table[nr].fn) {
		if (px->trace)
			fprintf(stderr, "sfi: denied system call %llu (%llx, %llx, %llx, ...): ENOSYS\n",
			        (unsigned long long)nr, (unsigned long long)args[0],
			        (unsigned long long)args[1], (unsigned long long)args[2]);
		return -ENOSYS;
	}
	int64_t r = table[nr].fn(px, args);
	if (px->trace > 1 || (px->trace && r < 0 && r != -EAGAIN))
		fprintf(stderr, "sfi: %s(%llx, %llx, %llx) = %lld\n", table[nr].name,
		        (unsigned long long)args[0], (unsigned long long)args[1],
		        (unsigned long long)args[2], (long long)r);
	return r;
}
