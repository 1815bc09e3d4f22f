# expect: R4
# attack: a 64-bit write of a small immediate: harmless value, but any 64-bit write is rejected
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq $1, %r14
