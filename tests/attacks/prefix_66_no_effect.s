# expect: R16
# attack: 66 on cpuid, an instruction with no operand size and no mandatory prefix: R16 admits only prefixes the encoding gives meaning to
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0x66, 0x0f, 0xa2		# cpuid with a meaningless 66
