# expect: R10
# attack: the masked return pushes only 16 bits (pushw %r11w): ret pops 8 bytes, 6 of them old stack contents
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	andl $-32, %r11d
	addq %r15, %r11
	.byte 0x66, 0x41, 0x53	# pushw %r11w
	retq
