# capcheck: reject undecodable
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.byte 0x0f, 0x04
