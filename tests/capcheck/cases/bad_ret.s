# capcheck: reject ret without the masked push
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	retq
