# expect: R15|R14
# attack: GFNI is not on the allow list
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	gf2p8affineqb $0, %xmm1, %xmm2
