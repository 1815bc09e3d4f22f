# expect: R14
# attack: xsave through a valid stack operand (writes far more than the guard covers)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xsave (%rsp)
