# expect: R7
# attack: jrcxz with rel8 +127 from the last instruction of the code
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xe3, 0x7f
