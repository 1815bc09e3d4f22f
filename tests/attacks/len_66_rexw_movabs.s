# expect: R14|R16
# attack: 66 and REX.W on movabs: the CPU takes an 8-byte immediate, a decoder honouring 66 takes 2 and misses the syscall the CPU runs after the immediate
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x66, 0x48, 0xb8, 0x90, 0x90	# CPU: movabs $imm64 over the next 8 bytes
	.byte 0xb8, 0x00, 0x00, 0x00, 0x00
	.byte 0xb8, 0x0f, 0x05, 0x90, 0x90	# CPU: syscall at offset 11
