# expect: R16
# attack: repne on a register mov
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf2, 0x48, 0x89, 0xc3
