# expect: R3
# attack: movb $imm, %r15b in the opcode-register form b0+r with REX.B (no ModRM: the register is in the opcode's low bits)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x41, 0xb7, 0x01	# movb $1, %r15b
