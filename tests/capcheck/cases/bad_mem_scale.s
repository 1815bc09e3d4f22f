# capcheck: reject not of form a-d
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movq %rax, (%r15,%r14,2)
