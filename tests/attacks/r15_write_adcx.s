# expect: R3
# attack: adcx (66 REX.W 0f 38 f6): the 66 is the mandatory prefix here, and the 64-bit destination is %r15
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	adcxq %rax, %r15
