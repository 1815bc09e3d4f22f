# expect: R15
# attack: movsxd without REX.W into %r14d (44 63 f5): a 32-bit zero-extending move to the SDM, Zydis
# and the CPU, a 64-bit sign-extending write of %r14 to Capstone 4; decoders disagree, so it is refused
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x44, 0x63, 0xf5
