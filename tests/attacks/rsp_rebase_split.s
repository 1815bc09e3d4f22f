# expect: R12|R6
# attack: the rsp-rebase split across a bundle boundary: an indirect jump to the second bundle runs the add alone
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.nops 30
	movl %ebp, %esp
	addq %r15, %rsp
