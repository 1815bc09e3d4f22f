# expect: R4
# attack: movabs sets %r14 to 2^32, one past the slot
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movabsq $0x100000000, %r14
