# expect: R16|R15
# attack: two %cs prefixes on the padding NOP (R16 allows any number of 66 on a nop, one segment prefix)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x2e, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
