# R15 positive controls for neg-instruction-sets.s: the allowed sets still assemble, in their
# VEX (not EVEX) encoding, and only memory operands change.
	.text
f:
	vpmulld	%ymm0, %ymm1, %ymm2
# CHECK: vpmulld %ymm0, %ymm1, %ymm2
	vpaddd	(%rdi), %ymm1, %ymm2
# CHECK-NEXT: leal (%rdi), %r14d
# CHECK-NEXT: vpaddd (%r15,%r14), %ymm1, %ymm2
	vpshufb	%ymm3, %ymm4, %ymm5
# CHECK-NEXT: vpshufb %ymm3, %ymm4, %ymm5
	vfmadd231ps	%ymm0, %ymm1, %ymm2
# CHECK-NEXT: vfmadd231ps %ymm0, %ymm1, %ymm2
	vfmadd213sd	%xmm0, %xmm1, %xmm2
# CHECK-NEXT: vfmadd213sd %xmm0, %xmm1, %xmm2
	vcvtph2ps	%xmm0, %ymm1
# CHECK-NEXT: vcvtph2ps %xmm0, %ymm1
	andnq	%rax, %rbx, %rcx
# CHECK-NEXT: andnq %rax, %rbx, %rcx
	tzcntl	%eax, %ecx
# CHECK-NEXT: tzcntl %eax, %ecx
	pdepq	%rax, %rbx, %rcx
# CHECK-NEXT: pdepq %rax, %rbx, %rcx
	shlxl	%eax, %ebx, %ecx
# CHECK-NEXT: shlxl %eax, %ebx, %ecx
	aesenc	%xmm0, %xmm1
# CHECK-NEXT: aesenc %xmm0, %xmm1
	vaesenc	%xmm0, %xmm1, %xmm2
# CHECK-NEXT: vaesenc %xmm0, %xmm1, %xmm2
	pclmulqdq	$0x11, %xmm0, %xmm1
# CHECK-NEXT: pclmulqdq $0x11, %xmm0, %xmm1
	vpclmulqdq	$0, %xmm0, %xmm1, %xmm2
# CHECK-NEXT: vpclmulqdq $0x0, %xmm0, %xmm1, %xmm2
	popcntq	%rax, %rcx
# CHECK-NEXT: popcntq %rax, %rcx
	lzcntq	%rax, %rcx
# CHECK-NEXT: lzcntq %rax, %rcx
	crc32q	%rax, %rcx
# CHECK-NEXT: crc32q %rax, %rcx
	movbel	(%rdi), %ecx
# CHECK-NEXT: leal (%rdi), %r14d
# CHECK-NEXT: movbel (%r15,%r14), %ecx
	adcxq	%rax, %rcx
# CHECK-NEXT: adcxq %rax, %rcx
	rdrandq	%rax
# CHECK-NEXT: rdrandq %rax
	rdseedq	%rax
# CHECK-NEXT: rdseedq %rax
	rdtscp
# CHECK-NEXT: rdtscp
	pause
# CHECK-NEXT: pause
	lfence
# CHECK-NEXT: lfence
	prefetchnta	(%rdi)
# CHECK-NEXT: leal (%rdi), %r14d
# CHECK-NEXT: prefetchnta (%r15,%r14)
	ptest	%xmm0, %xmm1
# CHECK-NEXT: ptest %xmm0, %xmm1
	pmulhrsw	%mm0, %mm1
# CHECK-NEXT: pmulhrsw %mm0, %mm1
	fsqrt
# CHECK-NEXT: fsqrt
	endbr64
# CHECK-NEXT: endbr64
	ud2
# CHECK-NEXT: ud2
