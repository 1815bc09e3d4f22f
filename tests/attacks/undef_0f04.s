# expect: R5
# attack: undefined opcode 0f 04
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x0f, 0x04
