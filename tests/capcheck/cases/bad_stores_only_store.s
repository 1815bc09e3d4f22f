# capcheck: reject not of form a-d
# Stores-only still masks stores.
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movl	(%rdi), %eax
	addl	%eax, (%rdx)
	.section .note.sfi,"a",@note
	.p2align 2
	.long	4, 16, 1
	.asciz	"SFI"
	.long	1, 0, 1, 0	# policy 1: stores-only
