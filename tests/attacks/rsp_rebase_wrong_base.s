# expect: R12
# attack: the rebase adds %r14 instead of %r15
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %ebp, %esp
	addq %r14, %rsp
	.bundle_unlock
