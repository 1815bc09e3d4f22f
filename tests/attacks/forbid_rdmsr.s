# expect: R14
# attack: rdmsr (privileged)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	rdmsr
