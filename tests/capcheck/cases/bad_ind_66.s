# capcheck: reject operand-size prefix on a jmp
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.bundle_lock
	andl $-32, %eax
	addq %r15, %rax
	.byte 0x66, 0xff, 0xe0
	.bundle_unlock
