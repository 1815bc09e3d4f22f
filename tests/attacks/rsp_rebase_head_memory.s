# expect: R12
# attack: the rebase head is a memory subtraction at (%rsp), not a register write of %esp: addq %r15,%rsp then leaves the slot
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	subl $16, (%rsp)
	addq %r15, %rsp
	.bundle_unlock
