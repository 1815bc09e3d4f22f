# expect: R13
# attack: stosq after rebasing %rsi instead of %rdi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %esi, %esi
	leaq (%r15,%rsi,1), %rsi
	stosq
	.bundle_unlock
