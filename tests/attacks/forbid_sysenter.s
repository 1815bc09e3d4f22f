# expect: R14
# attack: sysenter
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	sysenter
