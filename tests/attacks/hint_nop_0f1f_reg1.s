# expect: R15
# attack: 0f 1f with ModRM.reg != 0 is reserved-NOP space, not the padding NOP
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x0f, 0x1f, 0x08	# 0f 1f /1
