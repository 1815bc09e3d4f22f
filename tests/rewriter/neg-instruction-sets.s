# R14/R15: instruction sets outside the allow list are sfi-as errors at their line, told apart
# by the opcode's encoding form (EVEX, XOP) or its instruction set. Positive controls:
# instruction-sets.s.
	.text
f:
	{evex} vpmulld	%ymm0, %ymm1, %ymm2
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}error: forbidden instruction: EVEX encoding{{.*}}[R14]
	{evex} vaddps	%xmm0, %xmm1, %xmm2
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}EVEX encoding{{.*}}[R14]
	vpdpbusd	%ymm0, %ymm1, %ymm2
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}EVEX encoding{{.*}}[R14]
	{vex} vpdpbusd	%ymm0, %ymm1, %ymm2
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set AVX-VNNI is not on the allow list [R15]
	vpcmov	%xmm0, %xmm1, %xmm2, %xmm3
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set XOP (AMD) is not on the allow list [R15]
	vfmaddps	%xmm0, %xmm1, %xmm2, %xmm3
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set FMA4{{.*}}[R15]
	vgf2p8mulb	%xmm0, %xmm1, %xmm2
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set GFNI{{.*}}[R15]
	gf2p8mulb	%xmm0, %xmm1
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set GFNI{{.*}}[R15]
	vaesenc	%ymm0, %ymm1, %ymm2
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set VAES{{.*}}[R15]
	vpclmulqdq	$0, %ymm0, %ymm1, %ymm2
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set VPCLMULQDQ{{.*}}[R15]
	sha256rnds2	%xmm0, %xmm1, %xmm2
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set SHA{{.*}}[R15]
	clflush	(%rdi)
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set CLFLUSH{{.*}}[R15]
	clflushopt	(%rdi)
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set CLFLUSH{{.*}}[R15]
	clwb	(%rdi)
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set CLWB{{.*}}[R15]
	prefetchw	(%rdi)
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set PRFCHW{{.*}}[R15]
	prefetch	(%rdi)
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}reserved hint-NOP{{.*}}[R15]
	nopl	%eax
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}reserved hint-NOP{{.*}}[R15]
	fxsave	(%rdi)
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set FXSR{{.*}}[R15]
	extrq	$1, $2, %xmm0
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set SSE4A{{.*}}[R15]
	pfadd	%mm0, %mm1
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set 3DNow!{{.*}}[R15]
	movdiri	%eax, (%rdi)
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}instruction set MOVDIRI{{.*}}[R15]
	ud1l	%eax, %eax
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}ud1{{.*}}[R15]
	endbr32
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}endbr32{{.*}}[R15]
	rdpid	%rax
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}rdpid{{.*}}[R15]
	xgetbv
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}xgetbv{{.*}}[R15]
	movq	%r16, %rax
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}APX extended register %r16{{.*}}[R15]
	pushp	%rax
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}APX{{.*}}[R15]
	addq	%rax, %rbx, %rcx
# ERR: neg-instruction-sets.s:[[@LINE-1]]:{{.*}}EVEX encoding{{.*}}[R14]
	nop
# ERR-NOT: error
