# expect: R11
# attack: SIB index 100 with REX.X is %r12, not "no index": (%r15,%r12,1) is unmasked
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x43, 0x8b, 0x04, 0x27	# movl (%r15,%r12,1), %eax
