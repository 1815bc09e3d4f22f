# capcheck: reject system call, interrupt
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	syscall
