# expect: R14
# attack: lfs loads a far pointer into %fs through a valid memory operand
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	lfsl (%rsp), %eax
