# expect: R13
# attack: rep stosb through an unmasked %rdi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	rep stosb
