# expect: R12
# attack: an 8-bit write of %spl
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movb %al, %spl
