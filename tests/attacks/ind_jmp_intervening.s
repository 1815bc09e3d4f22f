# expect: R9
# attack: reloads the register between the mask and the jump
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-32, %eax
	addq %r15, %rax
	movq %rbx, %rax
	jmpq *%rax
	.bundle_unlock
