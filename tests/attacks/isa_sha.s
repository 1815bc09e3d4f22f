# expect: R15|R14
# attack: SHA extensions are not on the allow list
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	sha256rnds2 %xmm1, %xmm2
