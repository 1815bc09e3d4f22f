# expect: R13
# attack: truncates after adding the base, leaving an absolute low address
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	leaq (%r15,%rdi,1), %rdi
	movl %edi, %edi
	stosb
	.bundle_unlock
