# expect: R13
# attack: a nop between the two halves of the %rdi rebase
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %edi, %edi
	nop
	leaq (%r15,%rdi,1), %rdi
	stosb
	.bundle_unlock
