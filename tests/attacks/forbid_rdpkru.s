# expect: R14
# attack: rdpkru
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	rdpkru
