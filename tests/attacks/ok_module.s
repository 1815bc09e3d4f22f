# expect: ok
# attack: none (positive control): a linked module with rip-relative loads and stores inside the image
# module: yes
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	ok
	.type	ok, @function
ok:
	movq	data(%rip), %rax
	movq	%rax, data+8(%rip)
	movq	last(%rip), %rcx
	leaq	0x1000000(%rip), %rdx	# lea computes only (R17)
	popq	%r11
	.bundle_lock
	andl	$-32, %r11d
	addq	%r15, %r11
	pushq	%r11
	retq
	.bundle_unlock

	.data
	.p2align 3
data:	.quad	0, 0
last:	.quad	0

	.section .note.sfi,"a",@note
	.p2align 2
	.long	4, 16, 1
	.asciz	"SFI"
	.long	1, 0, 0, 0
