# expect: R14
# attack: rdmsr (privileged)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	rdmsr
