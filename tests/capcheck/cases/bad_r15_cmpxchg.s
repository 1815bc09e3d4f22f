# capcheck: reject writes %r15
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	cmpxchgq %rbx, %r15
