# capcheck: reject call does not end a bundle
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	callq f
