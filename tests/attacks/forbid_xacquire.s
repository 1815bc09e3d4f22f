# expect: R14|R16
# attack: xacquire lock addl $1,(%rsp): an HLE prefix
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf2, 0xf0, 0x83, 0x04, 0x24, 0x01
