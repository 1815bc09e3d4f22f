# expect: R11
# attack: pop into an unmasked memory operand
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq (%rax)
