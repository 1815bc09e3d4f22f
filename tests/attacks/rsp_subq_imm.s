# expect: R12
# attack: a 64-bit sub of an immediate (the rewriter turns it into subl + rebase)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	subq $16, %rsp
