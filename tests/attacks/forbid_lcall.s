# expect: R14
# attack: a far call (ending its bundle) through a valid memory operand
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.nops 28
	lcallq *(%rsp)
