# expect: R4|R16
# attack: 66 and REX.W on mov $imm, %r14: REX.W wins, so it is a 64-bit write with an imm32 (not a 16-bit write with an imm16)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x66, 0x49, 0xc7, 0xc6, 0x01, 0x00, 0x00, 0x00	# movq $1, %r14 (66 ignored)
