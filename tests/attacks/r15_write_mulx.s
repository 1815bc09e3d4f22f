# expect: R3
# attack: mulx writes the high product into %r15 (a second, VEX-encoded destination)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	mulxq %rax, %rbx, %r15
