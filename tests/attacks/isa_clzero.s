# expect: R15|R14
# attack: AMD clzero zeroes the cache line at the unmasked implicit (%rax)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	clzero
