# expect: R14
# attack: iretq pops an arbitrary cs:rip and rflags
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	iretq
