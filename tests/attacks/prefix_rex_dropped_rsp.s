# expect: R16|R12
# attack: a REX.B the CPU drops (a 66 follows it): the instruction is mov %ax,%sp, not mov %ax,%r12w
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x41, 0x66, 0x89, 0xc4	# REX ignored: movw %ax, %sp
