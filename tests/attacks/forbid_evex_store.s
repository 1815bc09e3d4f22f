# expect: R14|R15
# attack: a 64-byte EVEX store through an otherwise valid form-a operand
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vmovdqu64 %zmm0, (%r15,%r14,1)
