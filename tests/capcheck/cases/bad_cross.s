# capcheck: reject crosses a bundle boundary
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.nops 30
	.byte 0xb8, 1, 0, 0, 0
