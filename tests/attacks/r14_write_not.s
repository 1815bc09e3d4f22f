# expect: R4
# attack: not turns %r14 = 0 into 0xffffffffffffffff
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	notq %r14
