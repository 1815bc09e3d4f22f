# expect: R9
# attack: a 16-bit andw keeps bits 16-63 of the target
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andw $-32, %ax
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
