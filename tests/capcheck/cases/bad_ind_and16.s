# capcheck: reject indirect jmp/call without
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.bundle_lock
	andl $-16, %eax
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
