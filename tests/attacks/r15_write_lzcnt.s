# expect: R3
# attack: lzcnt writes a count into the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	lzcntq %rax, %r15
