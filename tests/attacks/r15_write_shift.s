# expect: R3
# attack: doubles the base with a shift
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	shlq $1, %r15
