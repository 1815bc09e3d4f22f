# expect: R11
# attack: a 32-byte AVX store through an unmasked register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vmovdqu %ymm0, (%rdi)
