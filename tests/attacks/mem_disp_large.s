# expect: R11
# attack: a 2 GiB displacement on form a lands far past the guard
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, 0x7fff0000(%r15,%r14,1)
