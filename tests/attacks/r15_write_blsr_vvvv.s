# expect: R3
# attack: blsr writes its destination through VEX.vvvv (not ModRM): vvvv = %r15
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	blsrq %rax, %r15
