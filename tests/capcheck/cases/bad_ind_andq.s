# capcheck: reject indirect jmp/call without
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.bundle_lock
	andq $-32, %rax
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
