# expect: R9
# attack: a memory-indirect jmp (the operand itself is a valid form a)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	jmpq *(%r15,%r14,1)
