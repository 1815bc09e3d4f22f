# expect: R14
# attack: loads a selector into %gs
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movl %eax, %gs
