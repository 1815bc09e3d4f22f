# R3/R4/R12: writes of %r15, 64-bit writes of %r14 and unsupported %rsp writes are errors, each
# reported at its line, and no object is written.
	.text
f:
	movq	$0, %r15
# ERR: {{.*}}neg-reserved.s:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}%r15 [R3]
	popq	%r15
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R3]
	xchgq	%r15, %rax
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R3]
	movb	$1, %r15b
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R3]
	addl	%eax, %r15d
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R3]
	cmovaq	%rax, %r15
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R3]
	movq	%rax, %r14
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}%r14{{.*}}[R4]
	leaq	(%rax), %r14
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R4]
	xchgq	%rax, %rsp
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}stack pointer{{.*}}[R12]
	popq	%rsp
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R12]
	movw	%ax, %sp
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R12]
	movl	%eax, %esp
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R12]
	andq	$15, %rsp
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R12]
# 32-bit writes of %r14 are allowed (R4): no error for this line
	movl	%eax, %r14d
	ret	$8
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}ret $imm{{.*}}[R10]
	jmpq	*%r15
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R9]
	callq	*%rsp
# ERR: neg-reserved.s:[[@LINE-1]]:{{.*}}[R9]
# ERR-NOT: error
