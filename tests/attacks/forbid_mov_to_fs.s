# expect: R14
# attack: loads a selector into %fs
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movw %ax, %fs
