# expect: R9
# attack: adds the base to %rcx but jumps through %rax
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-32, %eax
	addq %r15, %rcx
	jmpq *%rax
	.bundle_unlock
