# expect: R16|R14
# attack: a bnd (f2) prefix on a direct jump to the next instruction
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf2, 0xeb, 0x00
	nop
