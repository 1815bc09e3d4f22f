# capcheck: reject indirect jmp/call without
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.nops 29
	andl $-32, %eax
	.bundle_lock
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
