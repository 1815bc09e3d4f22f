# expect: R12
# attack: a second addq %r15,%rsp right after a valid rebase adds the base twice
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %ebp, %esp
	addq %r15, %rsp
	addq %r15, %rsp
	.bundle_unlock
