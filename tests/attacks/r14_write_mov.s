# expect: R4
# attack: a 64-bit mov puts an arbitrary value in %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, %r14
