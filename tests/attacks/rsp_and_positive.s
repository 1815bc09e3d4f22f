# expect: R12
# attack: and with a positive immediate clears the upper half of %rsp (only negative masks are realignment)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	andq $0xfff, %rsp
