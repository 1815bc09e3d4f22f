/* sfi override of musl's __unmapself.s (docs/runtime.md, "musl overrides").
 * Only a detached thread exiting calls this, and there are no threads (R25).
 * musl's version falls off its end after the exit syscall; this one cannot:
 * exit_group ends the sandbox call in the host, and if it ever returned the
 * loop spins until the call's time limit instead of running stray bytes. */
.text
.global __unmapself
.type   __unmapself,@function
__unmapself:
	xor %edi,%edi
	movl $231,%eax          /* SYS_exit_group: the host ends the call */
	syscall
1:	jmp 1b
