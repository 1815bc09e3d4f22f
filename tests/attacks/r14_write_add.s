# expect: R4
# attack: a 64-bit add into %r14 can carry past 2^32
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	addq %rax, %r14
