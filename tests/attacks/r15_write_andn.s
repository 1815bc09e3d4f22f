# expect: R3
# attack: the VEX BMI1 andn has %r15 as its destination
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	andnq %rax, %rbx, %r15
