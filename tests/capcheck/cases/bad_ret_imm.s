# capcheck: reject ret with an immediate
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	retq $8
