# expect: R10
# attack: the fast return with a 16-byte mask
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %r11
	.bundle_lock
	andl $-16, %r11d
	addq %r15, %r11
	pushq %r11
	retq
	.bundle_unlock
