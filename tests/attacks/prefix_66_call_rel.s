# expect: R16
# attack: 66 e8 on a direct call ending its bundle: a 16-bit call on AMD truncates the target and pushes 2 bytes
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.nops 26
	.byte 0x66, 0xe8, 0x00, 0x00, 0x00, 0x00
