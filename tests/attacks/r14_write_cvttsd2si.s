# expect: R4
# attack: a 64-bit cvttsd2si into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	cvttsd2si %xmm0, %r14
