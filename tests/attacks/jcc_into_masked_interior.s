# expect: R7
# attack: a conditional jump past the and-mask into the add of a masked jump
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	testl %ecx, %ecx
	jne inner
	.bundle_lock
	andl $-32, %eax
inner:
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
