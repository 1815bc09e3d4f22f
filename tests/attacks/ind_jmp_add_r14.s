# expect: R9
# attack: adds %r14 instead of the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-32, %eax
	addq %r14, %rax
	jmpq *%rax
	.bundle_unlock
