# expect: R4
# attack: pops a 64-bit value into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %r14
