# expect: R7
# attack: a direct call (ending its bundle) to a target outside the code
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.nops 27
	.byte 0xe8
	.long 0x20000
