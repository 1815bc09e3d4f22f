# expect: R4
# attack: a 64-bit imul into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	imulq %rax, %r14
