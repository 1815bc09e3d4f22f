# expect: R16|R10
# attack: the fast return with a 66 prefix on its retq: a 16-bit return pops 2 bytes and truncates the target on AMD
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %r11
	.bundle_lock
	andl $-32, %r11d
	addq %r15, %r11
	pushq %r11
	.byte 0x66, 0xc3
	.bundle_unlock
