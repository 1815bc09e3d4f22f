# expect: R12
# attack: the rebase head names ModRM.rm 4 with REX.B: subl $16, %r12d, not %esp, so addq %r15,%rsp adds the base to an in-slot %rsp
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	.byte 0x41, 0x83, 0xec, 0x10	# subl $16, %r12d
	addq %r15, %rsp
	.bundle_unlock
