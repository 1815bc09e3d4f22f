# expect: R14
# attack: popf can set TF or AC
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	popfq
