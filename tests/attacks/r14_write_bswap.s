# expect: R4
# attack: a 64-bit bswap moves the low bytes of %r14 to the top
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	bswapq %r14
