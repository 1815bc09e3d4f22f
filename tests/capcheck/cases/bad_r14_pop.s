# capcheck: reject 64-bit write of %r14
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	popq %r14
