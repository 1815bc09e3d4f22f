# expect: R7
# attack: a direct jump to the stos of a string sequence, skipping the %rdi rebase
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	jmp inner
	.bundle_lock
	movl %edi, %edi
	leaq (%r15,%rdi,1), %rdi
	inner:
	rep stosb
	.bundle_unlock
