# capcheck: reject branch outside the code
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.byte 0xe9
	.long 0x10000
