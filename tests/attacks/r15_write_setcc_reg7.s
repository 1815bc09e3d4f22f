# expect: R3
# attack: sete %r15b encoded with ModRM.reg = 7 (the CPU ignores reg for setcc; the table decoder declines it, Zydis must still see the %r15b write)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x41, 0x0f, 0x94, 0xff	# sete %r15b, /7
