# expect: R11
# attack: index %r15 doubles the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (%r15,%r15,1)
