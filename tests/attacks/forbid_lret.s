# expect: R14|R10
# attack: a far return pops cs:rip
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	lretq
