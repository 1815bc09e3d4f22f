# expect: R3
# attack: rdrand writes a random value into the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	rdrandq %r15
