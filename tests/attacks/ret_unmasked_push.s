# expect: R10
# attack: pushes the unmasked return address back and returns
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %r11
	.bundle_lock
	pushq %r11
	retq
	.bundle_unlock
