# expect: R11
# attack: a load through the base with index %rcx instead of %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq (%r15,%rcx,1), %rax
