# capcheck: reject interior of a sequence
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	jmp 1f
	.bundle_lock
	andl $-32, %eax
1:
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
