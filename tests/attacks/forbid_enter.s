# expect: R14|R12
# attack: enter writes %rsp and %rbp
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	enter $16, $0
