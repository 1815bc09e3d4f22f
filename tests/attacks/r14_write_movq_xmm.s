# expect: R4
# attack: moves 64 bits from an xmm register into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %xmm0, %r14
