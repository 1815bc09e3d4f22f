# expect: R16|R11
# attack: f3 66 0f 7e /m under stores-only: Zydis and the SDM read a load (movq m64,%xmm, unchecked), Capstone 4 (sfi-capcheck) a store movd %xmm,m32 through an unmasked %rax; the 66 selects nothing (F3 is the mandatory prefix)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0xf3, 0x66, 0x0f, 0x7e, 0x00	# movq (%rax), %xmm0 to Zydis; movd %xmm0, (%rax) to Capstone 4

	.section .note.sfi,"a",@note
	.p2align 2
	.long	4, 16, 1
	.asciz	"SFI"
	.long	1, 0, 1, 0			# ABI 1, mask mode, stores-only policy
