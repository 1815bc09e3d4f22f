# expect: R11
# attack: a -64 KiB displacement from %rsp
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, -0x10000(%rsp)
