# expect: R11
# attack: scale 8 on the masked index reaches B + 32 GiB
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq (%r15,%r14,8), %rax
