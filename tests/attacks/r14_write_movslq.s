# expect: R4
# attack: movslq sign-extends into all 64 bits of %r14 (0x80000000 becomes 0xffffffff80000000)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movslq %eax, %r14
