# expect: R16
# attack: two segment prefixes (cs and ds) on one store
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x2e, 0x3e, 0x48, 0x89, 0x04, 0x24
