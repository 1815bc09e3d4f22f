# expect: R16
# attack: movss with a repeated f3 prefix
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf3, 0xf3, 0x0f, 0x10, 0xc1
