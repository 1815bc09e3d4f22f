# expect: R12
# attack: movb $imm, %spl in the opcode-register form b4 with a bare REX 40 (without it, b4 is %ah)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x40, 0xb4, 0x01	# movb $1, %spl
