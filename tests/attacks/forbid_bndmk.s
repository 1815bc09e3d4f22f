# expect: R14
# attack: MPX bndmk (%rsp), %bnd0
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf3, 0x0f, 0x1b, 0x04, 0x24
