# expect: R16
# attack: REX.W on an instruction without a 64-bit form (sete %al): the CPU ignores it
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x48, 0x0f, 0x94, 0xc0
