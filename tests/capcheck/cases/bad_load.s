# capcheck: reject not of form a-d
# Without a note (or with policy 0) loads are checked too.
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movl	(%rdi), %eax
