# expect: R13
# attack: cmpsb with only %rdi rebased
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %edi, %edi
	leaq (%r15,%rdi,1), %rdi
	cmpsb
	.bundle_unlock
