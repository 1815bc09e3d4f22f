# expect: R14
# attack: xlat reads (%rbx,%al) unmasked
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	xlatb
