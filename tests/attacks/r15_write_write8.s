# expect: R3
# attack: an 8-bit partial write of %r15b
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movb %al, %r15b
