# capcheck: reject string instruction without
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	rep stosb
