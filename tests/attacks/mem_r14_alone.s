# expect: R11
# attack: (%r14) alone is an absolute address below 4 GiB, outside the slot
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (%r14)
