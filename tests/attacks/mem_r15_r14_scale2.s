# expect: R11
# attack: scale 2 doubles the masked offset: B + 8 GiB is outside the slot
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (%r15,%r14,2)
