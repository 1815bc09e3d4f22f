# expect: R14
# attack: sysenter
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	sysenter
