# expect: R14|R15
# attack: an EVEX encoding of an AVX instruction on xmm registers
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	{evex} vaddps %xmm0, %xmm1, %xmm2
