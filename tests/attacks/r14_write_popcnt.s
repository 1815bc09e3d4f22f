# expect: R4
# attack: a 64-bit popcnt into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popcntq %rax, %r14
