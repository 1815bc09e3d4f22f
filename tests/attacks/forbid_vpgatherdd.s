# expect: R14|R11
# attack: a VSIB gather: each lane's index is unmasked
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vpgatherdd %ymm2, (%r15,%ymm1,1), %ymm0
