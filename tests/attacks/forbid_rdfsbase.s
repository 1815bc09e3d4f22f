# expect: R14
# attack: reads the host's %fs base (a host pointer leak)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	rdfsbase %rax
