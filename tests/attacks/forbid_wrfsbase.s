# expect: R14
# attack: sets the %fs base to an arbitrary address
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	wrfsbase %rax
