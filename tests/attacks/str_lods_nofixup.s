# expect: R13
# attack: lodsq reads through an unmasked %rsi (loads+stores policy)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	lodsq
