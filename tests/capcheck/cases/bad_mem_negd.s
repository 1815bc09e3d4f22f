# capcheck: reject not of form a-d
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movq -8(%r15), %rax
