# expect: R11
# attack: displacement -0x8000 on form a: |disp| is not below D
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq -0x8000(%r15,%r14,1), %rax
