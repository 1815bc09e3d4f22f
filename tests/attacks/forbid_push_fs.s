# expect: R14
# attack: pushes the %fs selector
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	pushq %fs
