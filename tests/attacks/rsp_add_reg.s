# expect: R12
# attack: adds an arbitrary register to %rsp
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	addq %rax, %rsp
