# expect: R12
# attack: a 16-bit write of %sp as the rebase head keeps the upper bits, so the add doubles the base
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movw %bp, %sp
	addq %r15, %rsp
	.bundle_unlock
