# expect: R14|R16|R13
# attack: a correctly rebased movs whose source has an %fs override (host TLS base added)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	movl %esi, %esi
	leaq (%r15,%rsi,1), %rsi
	movl %edi, %edi
	leaq (%r15,%rdi,1), %rdi
	.byte 0x64, 0xa4
	.bundle_unlock
