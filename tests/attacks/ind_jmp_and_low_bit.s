# expect: R9
# attack: mask $-31 keeps bit 0: the target can be any odd byte
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-31, %eax
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
