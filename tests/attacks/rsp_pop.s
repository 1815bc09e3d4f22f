# expect: R12
# attack: pops an arbitrary stack pointer
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %rsp
