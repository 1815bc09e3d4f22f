# expect: R12
# attack: a 32-bit write of %esp without the rebase leaves an absolute address below 4 GiB
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movl %ebp, %esp
