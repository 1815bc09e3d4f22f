# expect: R7
# attack: a direct jump to the push of a fast return, skipping the mask
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %r11
	jmp inner
	.bundle_lock
	andl $-32, %r11d
	addq %r15, %r11
	inner:
	pushq %r11
	retq
	.bundle_unlock
