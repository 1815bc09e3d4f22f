# expect: R7
# attack: a jump into the immediate of a mov that hides ff e0 (jmpq *%rax)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
hidden:
	movl $0x90e0ff90, %eax
	jmp hidden+2
