# expect: R13
# attack: repne scasb reads through an unmasked %rdi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	repne scasb
