# expect: R13
# attack: the VEX vmaskmovdqu stores to an unmasked implicit %rdi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vmaskmovdqu %xmm1, %xmm0
