# expect: R3
# attack: loads an arbitrary host address into the base with movabs
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movabsq $0x7f0000000000, %r15
