# expect: R4
# attack: vpextrq writes 64 bits into %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vpextrq $1, %xmm0, %r14
