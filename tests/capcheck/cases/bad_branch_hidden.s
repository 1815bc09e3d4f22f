# capcheck: reject middle of an instruction
	.text
	.bundle_align_mode 5
	.p2align 5
f:
1:
	movl $0x90050f90, %eax
	jmp 1b+2
