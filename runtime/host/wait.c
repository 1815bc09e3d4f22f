/* System calls that may block on the sandbox's behalf (a read from a pipe nobody writes, a sleep,
 * a poll, a lock wait, the open of a FIFO). They go through libsfi's sfi_syscall_interruptible,
 * so that the sandbox call's time limit ends the wait: the call then returns -EINTR and the
 * gate ends the sandbox call with SFI_ERR_TIMEOUT. An interruption by any other signal is
 * retried with the same arguments: no signal is ever delivered into the sandbox, so EINTR is
 * never its business, and the callers pass arguments that stay right on a retry (an absolute
 * sleep, a timeout the kernel counts down). */
#include "internal.h"

int64_t px_wait(long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                uint64_t a5)
{
	for (;;) {
		int64_t r = sfi_syscall_interruptible(nr, (int64_t)a0, (int64_t)a1, (int64_t)a2,
		                                      (int64_t)a3, (int64_t)a4, (int64_t)a5);
		if (r != -EINTR || sfi_call_ending())
			return r;
	}
}
