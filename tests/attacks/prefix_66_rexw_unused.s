# expect: R16
# attack: 66 on an instruction with REX.W: W fixes the operand size at 64, so the 66 selects nothing (R16) and only decoders that honour it see a 16-bit add
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x66, 0x48, 0x01, 0xc0	# addq %rax, %rax (66 has no effect)
