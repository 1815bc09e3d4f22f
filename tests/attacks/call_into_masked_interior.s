# expect: R7
# attack: a direct call (ending its bundle) to the add of a masked jump
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-32, %eax
inner:
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
	.bundle_lock align_to_end
	callq inner
	.bundle_unlock
