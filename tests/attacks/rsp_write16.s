# expect: R12
# attack: a 16-bit write of %sp
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movw %ax, %sp
