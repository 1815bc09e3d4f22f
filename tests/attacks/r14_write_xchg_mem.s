# expect: R4
# attack: swaps %r14 with a stack slot at 64 bits
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xchgq %r14, (%rsp)
