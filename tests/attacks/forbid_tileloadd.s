# expect: R14|R15
# attack: AMX tileloadd through an otherwise valid form-a operand
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	tileloadd (%r15,%r14,1), %tmm0
