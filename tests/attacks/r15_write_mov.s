# expect: R3
# attack: overwrites the sandbox base with a 64-bit mov
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, %r15
