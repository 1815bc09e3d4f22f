# expect: R14
# attack: sets the %gs base to an arbitrary address
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	wrgsbase %rax
