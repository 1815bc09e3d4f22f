# expect: R5|R14
# attack: into (ce), undefined in 64-bit mode
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xce
