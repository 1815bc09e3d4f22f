# expect: R3
# attack: popw %r15w (66 41 5f): a 16-bit pop of the base's low half (the table decoder declines 66 on pop; Zydis must see the %r15w write)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x66, 0x41, 0x5f	# popw %r15w
