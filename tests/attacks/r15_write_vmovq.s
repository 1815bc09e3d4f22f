# expect: R3
# attack: the VEX vmovq writes %r15 from an xmm register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vmovq %xmm0, %r15
