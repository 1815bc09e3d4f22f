# expect: R11
# attack: an x87 80-bit store through an unmasked register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	fstpt (%rsi)
