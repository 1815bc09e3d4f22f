# expect: R16
# attack: a repeated operand-size prefix on add
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x66, 0x66, 0x01, 0xc0
