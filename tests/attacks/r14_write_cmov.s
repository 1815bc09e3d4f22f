# expect: R4
# attack: a 64-bit cmov into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	cmovaq %rax, %r14
