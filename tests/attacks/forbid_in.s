# expect: R14
# attack: port I/O with in
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	inb $0x80, %al
