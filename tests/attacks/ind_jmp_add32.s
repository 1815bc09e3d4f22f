# expect: R9
# attack: the base is added with a 32-bit addl, which truncates the target to an absolute address below 4 GiB
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-32, %eax
	addl %r15d, %eax
	jmpq *%rax
	.bundle_unlock
