# expect: R16
# attack: 66 e9 on a direct jump: Intel reads a rel32 and ignores 66, AMD reads a rel16 and truncates the target to 16 bits (Intel lands on offset 8, AMD on absolute 0x6)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x66, 0xe9, 0x02, 0x00, 0x00, 0x00
	nop
	nop
	nop
