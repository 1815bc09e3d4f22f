# expect: R7
# attack: a direct jump straight to the jmpq of a masked sequence
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	jmp inner
	.bundle_lock
	andl $-32, %eax
	addq %r15, %rax
	inner:
	jmpq *%rax
	.bundle_unlock
