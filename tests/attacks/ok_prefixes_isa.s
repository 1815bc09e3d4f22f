# expect: ok
# attack: none (positive control): allowed prefixes (R16) and one instruction from each allowed set (R15)
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	isa
isa:
	endbr64
	# Prefixes: no-op segment as a branch hint, 66 operand size, mandatory 66/f2/f3, lock.
	testl	%eax, %eax
	.byte	0x3e, 0x74, 0x00	# ds (taken hint) je .+2
	.byte	0x2e, 0x75, 0x00	# cs (not-taken hint) jne .+2
	addw	%ax, %bx
	.byte	0x66,0x66,0x66,0x66,0x66,0x66,0x2e,0x0f,0x1f,0x84,0,0,0,0,0	# LLVM's long nop
	pause
	popcntq	%rax, %rbx
	lzcntl	%eax, %ebx
	tzcntq	%rax, %rbx
	movss	%xmm1, %xmm0
	addsd	%xmm1, %xmm0
	paddd	%xmm1, %xmm0
	# llvm-mc emits lock as its own instruction; keep bundle padding out of it.
	.bundle_lock
	lock incl	(%r15,%r14,1)
	.bundle_unlock
	# General purpose, x87, MMX, SSE..SSE4.2.
	imulq	%rbx, %rax
	cqto
	idivq	%rcx
	cmovgeq	%rdx, %rax
	setne	%al
	bsrq	%rax, %rdx
	btsq	$3, %rax
	crc32q	%rax, %rbx
	cpuid
	rdtsc
	rdtscp
	lfence
	mfence
	sfence
	fld1
	faddp	%st, %st(1)
	fstp	%st(0)
	paddb	%mm1, %mm0
	emms
	haddps	%xmm1, %xmm0
	pshufb	%xmm1, %xmm0
	pminsd	%xmm1, %xmm0
	pcmpistri	$0, %xmm1, %xmm0
	# AVX, AVX2, FMA, F16C, BMI1/2, AES, PCLMULQDQ, MOVBE, ADX, RDRAND/RDSEED, CMPXCHG16B.
	vaddps	%ymm0, %ymm1, %ymm2
	vpaddd	%ymm0, %ymm1, %ymm2
	vfmadd231ps	%ymm0, %ymm1, %ymm2
	vcvtph2ps	%xmm0, %ymm1
	andnq	%rax, %rbx, %rcx
	pdepq	%rax, %rbx, %rcx
	shlxq	%rax, %rbx, %rcx
	aesenc	%xmm1, %xmm0
	pclmulqdq	$0, %xmm1, %xmm0
	movbeq	(%r15,%r14,1), %rax
	adcxq	%rax, %rbx
	adoxq	%rax, %rbx
	rdrandq	%rax
	rdseedl	%eax
	vzeroupper
	ud2
