# expect: R12
# attack: the old rsp rebase (a 32-bit write of %esp, then addq %r15,%rsp): between the two %rsp is a
# sandbox-chosen absolute address below 4 GiB, and a signal whose host handler has no SA_ONSTACK is
# delivered there, so the kernel writes the frame (with the sandbox's registers) into host memory
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl	(%rsp), %esp
	addq	%r15, %rsp
	.bundle_unlock
