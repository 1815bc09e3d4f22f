# expect: R9
# attack: masks %ecx but jumps through %rax
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-32, %ecx
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
