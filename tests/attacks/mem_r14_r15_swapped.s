# expect: R11
# attack: base and index swapped: form a requires base exactly %r15 and index exactly %r14
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (%r14,%r15,1)
