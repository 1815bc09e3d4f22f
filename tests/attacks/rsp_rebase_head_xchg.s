# expect: R12
# attack: the rebase head also writes %eax (the head's only write must be %esp)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	xchgl %eax, %esp
	addq %r15, %rsp
	.bundle_unlock
