# expect: R3
# attack: adds a register to the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	addq %rax, %r15
