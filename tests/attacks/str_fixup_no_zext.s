# expect: R13
# attack: adds the base without truncating %rdi to 32 bits first
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	leaq (%r15,%rdi,1), %rdi
	stosb
	.bundle_unlock
