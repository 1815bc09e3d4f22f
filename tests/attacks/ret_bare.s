# expect: R10
# attack: a bare ret pops an unchecked return address
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	retq
