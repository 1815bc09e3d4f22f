# expect: R13
# attack: the MMX maskmovq stores to an unmasked implicit %rdi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	maskmovq %mm1, %mm0
