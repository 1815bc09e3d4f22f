# expect: R11
# attack: push from an unmasked memory operand
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	pushq (%rax)
