# expect: R7
# attack: a direct jump to the leaq of the %rdi rebase, skipping the zero-extension, so the base is added to a 64-bit %rdi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	jmp inner
	.bundle_lock
	movl %edi, %edi
	inner:
	leaq (%r15,%rdi,1), %rdi
	rep stosb
	.bundle_unlock
