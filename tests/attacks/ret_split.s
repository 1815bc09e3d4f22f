# expect: R10|R6
# attack: the fast return with its mask in the previous bundle
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.nops 28
	andl $-32, %r11d
	.bundle_lock
	addq %r15, %r11
	pushq %r11
	retq
	.bundle_unlock
