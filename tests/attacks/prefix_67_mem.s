# expect: R16|R11
# attack: an address-size prefix on form a computes a 32-bit absolute address
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (%r15d,%r14d,1)
