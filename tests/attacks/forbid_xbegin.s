# expect: R14
# attack: TSX xbegin (its abort path is a hidden branch)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xbegin 1f
1:
	nop
