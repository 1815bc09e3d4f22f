# expect: R14
# attack: int3 breakpoint trap into the host's signal handling
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	int3
