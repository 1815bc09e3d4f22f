# expect: R11
# attack: a plain store through an arbitrary register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (%rax)
