# expect: R3
# attack: a 16-bit partial write of %r15w
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movw %ax, %r15w
