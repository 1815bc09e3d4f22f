# expect: R5
# attack: the section ends in the middle of an instruction (48 8b, a mov missing its ModRM)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x48, 0x8b
