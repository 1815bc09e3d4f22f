# expect: R12
# attack: a 64-bit add of 2 GiB moves %rsp out of the slot
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	addq $0x7fffffff, %rsp
