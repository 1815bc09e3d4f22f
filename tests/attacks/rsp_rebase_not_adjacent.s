# expect: R12
# attack: an instruction between the 32-bit write and the rebase
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %ebp, %esp
	nop
	addq %r15, %rsp
	.bundle_unlock
