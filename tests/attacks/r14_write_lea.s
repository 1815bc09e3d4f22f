# expect: R4
# attack: a 64-bit lea (the rewriter's mask is leal, 32-bit)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	leaq (%rax), %r14
