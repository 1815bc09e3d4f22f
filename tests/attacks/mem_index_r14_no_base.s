# expect: R11
# attack: index %r14 with no base is an absolute address below 4 GiB
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (,%r14,1)
