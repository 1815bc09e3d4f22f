# expect: R3
# attack: conditionally replaces the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	cmovneq %rax, %r15
