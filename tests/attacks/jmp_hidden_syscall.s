# expect: R7
# attack: a jump into the immediate of a mov that hides 0f 05 (syscall)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
hidden:
	movl $0x90050f90, %eax
	jmp hidden+2
