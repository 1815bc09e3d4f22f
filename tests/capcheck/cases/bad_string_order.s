# capcheck: reject string instruction without
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.bundle_lock
	leaq (%r15,%rdi,1), %rdi
	movl %edi, %edi
	stosb
	.bundle_unlock
