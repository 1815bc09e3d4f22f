# expect: R7
# attack: loop to the jmpq of a masked sequence, skipping the mask
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-32, %eax
	addq %r15, %rax
inner:
	jmpq *%rax
	.bundle_unlock
	loop inner
