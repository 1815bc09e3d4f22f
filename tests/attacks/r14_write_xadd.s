# expect: R4
# attack: xadd writes a 64-bit sum into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xaddq %rax, %r14
