# expect: R9
# attack: masks with a register instead of an immediate
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl %ecx, %eax
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
