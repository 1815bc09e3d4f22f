# expect: R13|R6
# attack: the %rdi rebase is at the end of the previous bundle, so an indirect jump reaches the stos alone
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.nops 26
	movl %edi, %edi
	leaq (%r15,%rdi,1), %rdi
	rep stosb
