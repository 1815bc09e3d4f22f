# expect: R3
# attack: xadd writes the sum into the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xaddq %rax, %r15
