# expect: R4
# attack: the BMI2 shlx writes 64 bits into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	shlxq %rax, %rbx, %r14
