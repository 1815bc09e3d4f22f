# expect: R14
# attack: a far jump through a valid (form b) memory operand
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	ljmpq *(%rsp)
