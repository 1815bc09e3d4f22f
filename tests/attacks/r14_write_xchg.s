# expect: R4
# attack: a 64-bit xchg writes %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xchgq %rax, %r14
