# expect: R12
# attack: a 64-bit mov into %rsp without rebase
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rbp, %rsp
