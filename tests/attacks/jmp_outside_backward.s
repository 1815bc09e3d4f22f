# expect: R7
# attack: a rel32 jump 1 MiB before the start of the code
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xe9
	.long -0x100000
