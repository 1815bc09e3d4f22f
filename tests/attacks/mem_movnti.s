# expect: R11
# attack: a non-temporal store through an unmasked register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movntiq %rax, (%rdx)
