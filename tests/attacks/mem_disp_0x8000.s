# expect: R11
# attack: displacement 0x8000 on form a is not below D
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, 0x8000(%r15,%r14,1)
