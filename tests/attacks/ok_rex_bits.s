# expect: ok
# attack: none (positive control): REX.W where it selects the operand size or another instruction
# (R16), and REX.R/X/B or a bare REX, which only extend register numbers
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	rex
rex:
	addq	%rax, %rbx		# W: 64-bit operation
	movslq	%eax, %rcx		# W: movsxd r64
	movq	%rax, %xmm0		# W: movq, not movd
	cvtsi2sdq	%rax, %xmm1	# W: 64-bit integer source
	pextrq	$1, %xmm0, %rax		# W: pextrq, not pextrd
	cmpxchg16b	(%r15,%r14,1)	# W: cmpxchg16b, not cmpxchg8b
	movb	%sil, %al		# bare REX: %sil, not %dh
	.p2align 5
	.byte	0x41, 0x0f, 0xa2	# cpuid with an unused REX.B
	.byte	0x44, 0x0f, 0x94, 0xc0	# sete %al with an unused REX.R
	ud2
