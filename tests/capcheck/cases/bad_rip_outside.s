# capcheck: reject rip-relative operand outside the image
# capcheck-link: yes
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movq %rax, 0x1000000(%rip)
