# expect: R15|R16
# attack: f3 on the 0f 1f /0 NOP: reserved-NOP space where Intel places new instructions
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0xf3, 0x0f, 0x1f, 0x00
