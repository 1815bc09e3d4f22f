# capcheck: reject indirect jmp/call without
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	jmpq *%rax
