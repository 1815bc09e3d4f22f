# expect: R3
# attack: pops an attacker-chosen base from the stack
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %r15
