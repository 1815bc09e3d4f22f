# expect: R16|R5
# attack: lock on a plain mov store (#UD)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf0, 0x48, 0x89, 0x04, 0x24
