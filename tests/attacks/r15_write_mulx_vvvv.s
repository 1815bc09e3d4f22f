# expect: R3
# attack: mulx writes its low product into %r15 through the VEX.vvvv field
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	mulxq %rax, %r15, %rbx
