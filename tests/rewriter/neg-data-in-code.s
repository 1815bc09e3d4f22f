# R5: data directives in executable sections are rejected (every code byte must decode);
# R18: dynamic TLS models; R4: a masked access that reads %r14.
	.text
f:
	.byte	0x0f, 0x05
# ERR: neg-data-in-code.s:[[@LINE-1]]:{{.*}}data directive in an executable section{{.*}}[R5]
	.long	3
# ERR: neg-data-in-code.s:[[@LINE-1]]:{{.*}}[R5]
	.zero	4
# ERR: neg-data-in-code.s:[[@LINE-1]]:{{.*}}[R5]
	leaq	x@tlsgd(%rip), %rdi
# ERR: neg-data-in-code.s:[[@LINE-1]]:{{.*}}TLS{{.*}}[R18]
	addl	(%rax), %r14d
# ERR: neg-data-in-code.s:[[@LINE-1]]:{{.*}}%r14{{.*}}[R4]
# fine: alignment in code becomes NOPs, a pure 32-bit def of %r14 after the mask, data in .data
	.p2align	4, 0xcc
	movl	(%rax), %r14d
	.data
	.byte	1
# ERR-NOT: error
