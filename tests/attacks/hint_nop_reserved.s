# expect: R15|R16
# attack: a reserved hint-NOP encoding (0f 1f with a register operand, f3 0f 1e c8): NOPs on today's CPUs, new instructions on tomorrow's
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x0f, 0x1f, 0xc0
	.byte 0xf3, 0x0f, 0x1e, 0xc8
