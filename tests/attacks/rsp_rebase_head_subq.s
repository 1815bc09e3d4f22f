# expect: R12
# attack: a 64-bit subq as the rebase head: %rsp keeps its upper half, so the addq %r15 moves it a whole slot away
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	subq $16, %rsp
	addq %r15, %rsp
	.bundle_unlock
