# expect: R13
# attack: rebases %rdi on %r14 instead of %r15
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %edi, %edi
	leaq (%r14,%rdi,1), %rdi
	stosb
	.bundle_unlock
