# expect: R7
# attack: a jump past the 66 prefix of movw $imm16, which re-decodes as movl $imm32 and swallows the next two bytes
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
hidden:
	movw $0x9090, %ax
	jmp hidden+1
