# expect: R10
# attack: ret $8 pops an unchecked return address
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	retq $8
