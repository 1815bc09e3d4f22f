# expect: R3
# attack: swaps the base with an attacker-controlled register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xchgq %r15, %rax
