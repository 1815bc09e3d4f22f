# expect: R3
# attack: cvttsd2si converts an attacker double into %r15
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	cvttsd2si %xmm0, %r15
