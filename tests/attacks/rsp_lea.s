# expect: R12
# attack: a 64-bit lea into %rsp (the rewriter uses leal + rebase)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	leaq 8(%rbp), %rsp
