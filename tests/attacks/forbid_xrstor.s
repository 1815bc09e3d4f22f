# expect: R14
# attack: xrstor through a valid stack operand
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xrstor (%rsp)
