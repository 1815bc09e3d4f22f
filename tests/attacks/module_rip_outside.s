# expect: R17|R11
# attack: a rip-relative store 16 MiB past the module image (form c), checkable only in a linked module
# capcheck: reject
# module: yes
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	attack
	.type	attack, @function
attack:
	movq	%rax, 0x1000000(%rip)
	.p2align 5

	.data
	.p2align 3
data:	.quad	0

	.section .note.sfi,"a",@note
	.p2align 2
	.long	4, 16, 1	# namesz, descsz, type 1
	.asciz	"SFI"
	.long	1, 0, 0, 0	# ABI 1, mask mode, loads+stores, no flags
