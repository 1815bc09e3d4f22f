# expect: R13
# attack: maskmovdqu stores to an unmasked implicit %rdi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	maskmovdqu %xmm1, %xmm0
