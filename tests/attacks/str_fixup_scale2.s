# expect: R13
# attack: rebases %rdi with scale 2
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %edi, %edi
	leaq (%r15,%rdi,2), %rdi
	stosb
	.bundle_unlock
