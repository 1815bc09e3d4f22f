# capcheck: reject ret without the masked push
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	popq %r11
	.bundle_lock
	andl $-32, %r11d
	addq %r15, %r11
	pushq %rax
	retq
	.bundle_unlock
