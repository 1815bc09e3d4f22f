# expect: R7
# attack: a rel32 jump 64 KiB past the end of the code (e.g. towards the gates)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xe9
	.long 0x10000
