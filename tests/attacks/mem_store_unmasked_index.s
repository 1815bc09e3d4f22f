# expect: R11
# attack: a store through the base with an unmasked 64-bit index %rbx
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (%r15,%rbx,1)
