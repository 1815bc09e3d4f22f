# expect: R7
# attack: a conditional rel32 jump far outside the code
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x0f, 0x84
	.long 0x20000
