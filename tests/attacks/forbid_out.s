# expect: R14
# attack: port I/O with out
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	outb %al, %dx
