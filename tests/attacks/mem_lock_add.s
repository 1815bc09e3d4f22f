# expect: R11
# attack: a locked read-modify-write on an unmasked address
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	lock addq %rbx, (%rcx)
