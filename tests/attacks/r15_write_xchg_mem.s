# expect: R3
# attack: swaps the base with a stack slot (the memory operand itself is a valid form b)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xchgq %r15, 8(%rsp)
