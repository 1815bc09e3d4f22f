# expect: R11
# attack: a read-modify-write through an unmasked register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	addl $1, (%rbx)
