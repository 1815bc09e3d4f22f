# expect: R14
# attack: the 32-bit system call gate int $0x80
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	int $0x80
