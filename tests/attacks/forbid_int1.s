# expect: R14
# attack: int1 (icebp, f1)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf1
