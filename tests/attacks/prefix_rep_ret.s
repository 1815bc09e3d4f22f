# expect: R16|R10
# attack: the fast return ending in rep ret (f3 c3, the AMD branch-predictor idiom): rep on a non-string instruction
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popq %r11
	.bundle_lock
	andl $-32, %r11d
	addq %r15, %r11
	pushq %r11
	.byte 0xf3, 0xc3
	.bundle_unlock
