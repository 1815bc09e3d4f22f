# expect: R9
# attack: mask with $-16 leaves a 16-byte aligned target in the middle of a bundle
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-16, %eax
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
