# capcheck: reject address-size prefix
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movq %rax, (%r15d,%r14d,1)
