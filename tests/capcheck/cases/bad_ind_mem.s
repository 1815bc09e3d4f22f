# capcheck: reject memory-indirect
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	jmpq *(%r15,%r14,1)
