# expect: R16
# attack: rep on add, which gives it no meaning
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf3, 0x48, 0x01, 0xc0
