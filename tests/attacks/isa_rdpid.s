# expect: R15|R14
# attack: rdpid is not on the allow list
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	rdpid %rax
