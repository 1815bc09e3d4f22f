# expect: R7
# attack: a direct jump to the addq %r15,%rsp of an rsp-rebase, skipping its 32-bit head, adds the base to an in-slot %rsp a second time
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	jmp inner
	.bundle_lock
	movl %ebp, %esp
	inner:
	addq %r15, %rsp
	.bundle_unlock
