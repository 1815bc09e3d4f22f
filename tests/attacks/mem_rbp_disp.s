# expect: R11
# attack: an unrewritten frame-pointer store
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, -8(%rbp)
