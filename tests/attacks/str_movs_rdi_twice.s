# expect: R13
# attack: movsb after two %rdi rebases and none of %rsi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %edi, %edi
	leaq (%r15,%rdi,1), %rdi
	movl %edi, %edi
	leaq (%r15,%rdi,1), %rdi
	movsb
	.bundle_unlock
