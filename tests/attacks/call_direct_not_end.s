# expect: R8
# attack: a direct call in the middle of a bundle
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
target:
	callq target
