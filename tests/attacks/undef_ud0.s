# expect: R5|R14|R15
# attack: ud0 (0f ff), whose length decoders disagree on (2 or 3 bytes)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0x0f, 0xff, 0xc0
