# expect: R14
# attack: a CET shadow-stack instruction
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	incsspq %rax
