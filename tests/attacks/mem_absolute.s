# expect: R11
# attack: an absolute disp32 address with neither base nor index
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, 0x1000
