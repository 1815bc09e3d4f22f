/* sfi override of musl's restore.s (docs/runtime.md, "musl overrides").
 * The host accepts rt_sigaction but never delivers signals into the sandbox,
 * so __restore_rt (the sa_restorer) is never reached from a signal frame.
 * musl's version falls off its end if rt_sigreturn returns (the host returns
 * -ENOSYS); this one ends the sandbox with status 127 instead. */
	nop
.global __restore_rt
.hidden __restore_rt
.type __restore_rt,@function
__restore_rt:
	mov $15, %rax
	syscall
	movl $127,%edi
	movl $231,%eax          /* exit_group */
	syscall
1:	jmp 1b
.size __restore_rt,.-__restore_rt
