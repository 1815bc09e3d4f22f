# expect: R5
# attack: a 5-byte mov starting at offset 30 crosses the bundle boundary (an indirect jump to 32 runs its immediate)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.nops 30
	.byte 0xb8, 0x90, 0x0f, 0x05, 0x90
