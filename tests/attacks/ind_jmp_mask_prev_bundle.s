# expect: R9|R6
# attack: the and-mask is the last instruction of the previous bundle, so a jump to the bundle start skips it
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.nops 29
	andl $-32, %eax
	.bundle_lock
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
