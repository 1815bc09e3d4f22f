# expect: R13
# attack: rep movsq with neither pointer rebased
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	rep movsq
