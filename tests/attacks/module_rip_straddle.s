# expect: R17|R11
# attack: an 8-byte rip-relative load of the last 4 bytes of the image: [t, t+8) straddles the image end
# capcheck: reject
# module: yes
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	attack
	.type	attack, @function
attack:
	movq	last(%rip), %rax
	.p2align 5

	# .data is the last PT_LOAD (no .bss); "last" is its final 4 bytes.
	.data
	.p2align 3
	.quad	0
last:	.long	0

	.section .note.sfi,"a",@note
	.p2align 2
	.long	4, 16, 1
	.asciz	"SFI"
	.long	1, 0, 0, 0
