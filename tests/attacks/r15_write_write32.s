# expect: R3
# attack: a 32-bit write of %r15d zero-extends and clears the upper half of the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movl %eax, %r15d
