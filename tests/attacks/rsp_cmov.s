# expect: R12
# attack: a conditional move into %rsp
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	cmovneq %rax, %rsp
