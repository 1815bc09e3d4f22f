# expect: R7
# attack: a jump into the displacement of a valid form-a store whose bytes are 0f 05 (syscall)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
hidden:
	movq %rax, 0x50f(%r15,%r14,1)
	jmp hidden+5
