# expect: R14|R15
# attack: an AVX-512 zmm instruction (EVEX)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vaddps %zmm0, %zmm1, %zmm2
