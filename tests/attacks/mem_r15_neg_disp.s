# expect: R11
# attack: form d requires a non-negative displacement; -8 is below the slot
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, -8(%r15)
