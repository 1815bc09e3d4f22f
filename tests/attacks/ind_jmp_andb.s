# expect: R9
# attack: an 8-bit andb keeps bits 8-63 of the target
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andb $-32, %al
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
