# expect: R3
# attack: setcc writes the low byte of the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	sete %r15b
