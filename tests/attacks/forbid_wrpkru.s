# expect: R14
# attack: wrpkru changes memory protection keys
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	wrpkru
