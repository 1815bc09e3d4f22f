# expect: R4
# attack: a 64-bit shift moves the mask into the upper half
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	shlq $32, %r14
