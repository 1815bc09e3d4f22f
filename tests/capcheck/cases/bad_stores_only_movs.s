# capcheck: reject string instruction without
# Stores-only still rebases the %rdi of movs.
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	.bundle_lock
	movl	%esi, %esi
	leaq	(%r15,%rsi,1), %rsi
	rep movsb
	.bundle_unlock
	.section .note.sfi,"a",@note
	.p2align 2
	.long	4, 16, 1
	.asciz	"SFI"
	.long	1, 0, 1, 0	# policy 1: stores-only
