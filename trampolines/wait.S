/* A system call the current sandbox call's time limit can interrupt (sfi_syscall_interruptible,
 * include/sfi/sfi.h; the timer handler side is sfi__timer_cut_wait in loader/timeout.c).
 *
 * libsfi's timer signal is installed with SA_RESTART, so that host code (embedder callbacks)
 * never sees EINTR from a restartable system call because of it. That also means a `read` from
 * an empty pipe would be restarted by the kernel after every tick and never return. For the
 * system calls made here the timer handler undoes the restart once the deadline has passed:
 * when the interrupted pc lies in [sfi__wait_start, sfi__wait_syscall] (on the syscall
 * instruction: the kernel has rewound a restartable call to it; before it: the call has not
 * started), the handler resumes at sfi__wait_done with %rax = -EINTR, which is what the kernel
 * itself returns without SA_RESTART. Calls the kernel never restarts after a handler
 * (nanosleep, poll) already return -EINTR at sfi__wait_done and are left alone. A deadline
 * that passes just before the syscall instruction runs is caught by the next tick (the timer
 * repeats every 5 ms after the deadline): the call then blocks for at most one tick.
 *
 * Nothing may come between sfi__wait_start and the syscall instruction that a jump to
 * sfi__wait_done would leave half done: only register moves, no stack change. */
	.text
	.globl sfi_syscall_interruptible
	.type sfi_syscall_interruptible,@function
	.p2align 4
sfi_syscall_interruptible:      /* int64_t (nr, a0, a1, a2, a3, a4, a5 on the stack) */
	.globl sfi__wait_start
	.hidden sfi__wait_start
sfi__wait_start:
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	movq 8(%rsp), %r9
	.globl sfi__wait_syscall
	.hidden sfi__wait_syscall
sfi__wait_syscall:
	syscall
	.globl sfi__wait_done
	.hidden sfi__wait_done
sfi__wait_done:
	ret
	.size sfi_syscall_interruptible, .-sfi_syscall_interruptible

	.section .note.GNU-stack,"",@progbits
