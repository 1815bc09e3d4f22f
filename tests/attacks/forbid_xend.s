# expect: R14
# attack: TSX xend
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xend
