# expect: R14
# attack: the privileged hlt
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	hlt
