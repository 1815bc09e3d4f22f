# expect: ok
# attack: (positive control) bt/bts with an immediate bit offset wrap within the operand, and bt between registers touches no memory
	.text
	.bundle_align_mode 5
	.p2align 5
ok:
	btsq $63, (%r15,%r14,1)
	btl $5, 8(%rsp)
	btq %rax, %rcx
	btsq %rax, %rcx
