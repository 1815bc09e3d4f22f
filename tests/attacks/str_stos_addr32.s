# expect: R16|R13
# attack: a correctly rebased rep stos with an address-size prefix stores through %edi, an absolute address below 4 GiB
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %edi, %edi
	leaq (%r15,%rdi,1), %rdi
	.byte 0x67, 0xf3, 0xaa
	.bundle_unlock
