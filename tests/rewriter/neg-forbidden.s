# R14/R16/R18: forbidden instructions and segment overrides.
	.text
f:
	int	$0x80
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}error: forbidden instruction{{.*}}[R14]
	int3
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	ljmpq	*(%rax)
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}ljmp{{.*}}[R14]
	lcallq	*(%rax)
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}lcall{{.*}}[R14]
	lretq
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}lret{{.*}}[R14]
	movq	%gs:0, %rax
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}%gs{{.*}}[R18]
	enter	$16, $0
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}enter{{.*}}[R14]
	hlt
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	inb	%dx, %al
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	outb	%al, %dx
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	movw	%ax, %ds
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	rdfsbase	%rax
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	wrfsbase	%rax
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	xlat
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	popfq
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	vpgatherdd	%ymm0, (%rax,%ymm1,4), %ymm2
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	xbegin	.
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	xsave	(%rdi)
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	wrpkru
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	vaddps	%zmm0, %zmm1, %zmm2
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	sysenter
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	iretq
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	movq	%rax, %cr3
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	pushq	%fs
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R14]
	leaq	%gs:8(%rax), %rcx
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}%gs{{.*}}[R18]
	movsb	%fs:(%rsi), %es:(%rdi)
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}[R13]
	lock
# ERR: neg-forbidden.s:[[@LINE-1]]:{{.*}}prefix{{.*}}[R16]
.Llabel:
	nop
# ERR-NOT: error
