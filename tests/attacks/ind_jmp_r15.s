# expect: R9
# attack: jumps through the base register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	jmpq *%r15
