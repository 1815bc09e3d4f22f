# expect: R9
# attack: the masked-jump sequence on %rsp (R must not be %rsp)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	andl $-32, %esp
	addq %r15, %rsp
	jmpq *%rsp
	.bundle_unlock
