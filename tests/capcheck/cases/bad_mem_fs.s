# capcheck: reject segment override
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movq %fs:(%r15,%r14,1), %rax
