# expect: R14|R12
# attack: leave copies an arbitrary %rbp into %rsp
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	leave
