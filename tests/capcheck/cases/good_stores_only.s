# capcheck: ok
# Under the stores-only policy (from .note.sfi) loads and lods/cmps/scas need no masking.
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movl	(%rdi), %eax
	cmpl	$0, (%rcx)
	lodsb
	repe cmpsb
	.bundle_lock
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	rep movsb
	.bundle_unlock
	movl	%eax, (%r15,%r14,1)
	.section .note.sfi,"a",@note
	.p2align 2
	.long	4, 16, 1
	.asciz	"SFI"
	.long	1, 0, 1, 0	# policy 1: stores-only
