# expect: R3
# attack: bswap scrambles the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	bswapq %r15
