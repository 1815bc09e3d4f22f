# expect: R3
# attack: moves an attacker-chosen value from an xmm register into the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %xmm0, %r15
