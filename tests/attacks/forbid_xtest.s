# expect: R14
# attack: TSX xtest
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xtest
