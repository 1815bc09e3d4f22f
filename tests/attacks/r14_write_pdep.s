# expect: R4
# attack: the VEX BMI2 pdep writes 64 bits into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	pdepq %rax, %rbx, %r14
