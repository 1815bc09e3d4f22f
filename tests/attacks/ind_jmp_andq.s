# expect: R9
# attack: a 64-bit andq with -32 keeps the upper half of the target
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andq $-32, %rax
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
