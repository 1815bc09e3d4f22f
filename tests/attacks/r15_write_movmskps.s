# expect: R3
# attack: movmskps writes %r15d (zero-extending the base away)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movmskps %xmm0, %r15d
