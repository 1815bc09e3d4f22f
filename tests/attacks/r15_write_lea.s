# expect: R3
# attack: moves the base by 4 KiB with lea (no flags, no memory access)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	leaq 0x1000(%r15), %r15
