# expect: R14
# attack: reads the %ss selector
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movw %ss, %ax
