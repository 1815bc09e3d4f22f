# expect: R14
# attack: a raw syscall (the rewriter would have made it a gate call)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	syscall
