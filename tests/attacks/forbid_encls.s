# expect: R14
# attack: an SGX instruction
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	encls
