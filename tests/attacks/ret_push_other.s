# expect: R10
# attack: masks %r11 but pushes and returns to %rax
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %r11
	.bundle_lock
	andl $-32, %r11d
	addq %r15, %r11
	pushq %rax
	retq
	.bundle_unlock
