# expect: R15|R14
# attack: movdir64b stores 64 bytes to the unmasked implicit (%rdi)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movdir64b (%r15,%r14,1), %rdi
