# expect: R7
# attack: loop with rel8 -128 at the section start targets before the code
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xe2, 0x80
