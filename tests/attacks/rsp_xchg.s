# expect: R12
# attack: swaps %rsp with an arbitrary register
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xchgq %rax, %rsp
