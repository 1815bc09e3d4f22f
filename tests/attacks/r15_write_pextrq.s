# expect: R3
# attack: pextrq writes a lane of an xmm register into %r15
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	pextrq $1, %xmm0, %r15
