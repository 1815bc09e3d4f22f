# expect: R13
# attack: the pair zero-extends %edi but rebases %rsi
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %edi, %edi
	leaq (%r15,%rsi,1), %rsi
	stosb
	.bundle_unlock
