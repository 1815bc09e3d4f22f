# expect: R11
# attack: cmpxchg16b on an unmasked address
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	cmpxchg16b (%rax)
