# Rewriter edge cases that clang rarely emits but hand-written assembly (musl,
# bench programs) can contain; sfi-as must rewrite them and both checkers must
# accept the result. Checked by hand against objdump when added:
#  - high-byte registers (%ah..%dh) cannot be encoded with REX, so a masked
#    operand (%r15,%r14,1) needs "xchgb %ah,%al; op %al; xchgb %ah,%al";
#    also with a TLS operand (R18) and an %rsp displacement beyond D;
#  - "popq d(%rsp)" addresses memory with %rsp after the pop (mask d+8);
#  - a 67-prefixed (32-bit address) operand;
#  - rsp writes from registers (movq/addq/leaq into %rsp: R12 rebase);
#  - string instructions (R13), cmpxchg16b, AVX masked moves, bt on memory;
#  - memory-indirect call and %fs-relative indirect jmp (R9, R18).
# "xchgq %rax,%rsp" is left out: sfi-as rejects it with a clear R12 error.
	.text
	.globl	f
	.type	f,@function
f:
	movb	%ah, (%rdi)
	movb	(%rdi,%rsi), %ah
	addb	%bh, 8(%rdi)
	cmpb	%ch, (%rdx,%rcx,2)
	xchgb	%dh, (%rdi)
	movb	%ah, 0x9000(%rsp)
	movb	%ah, %fs:x@TPOFF
	movzbl	%ah, %eax
	pushq	(%rdi)
	popq	8(%rdi)
	pushq	0x9000(%rsp)
	popq	0x9000(%rsp)
	popq	(%rsp)
	pushq	8(%rsp)
	movl	(%eax), %ecx
	movl	(%rdi,%rsi,8), %ecx
	movq	%rax, %rsp
	addq	%rax, %rsp
	leaq	16(%rsp,%rax), %rsp
	rep stosq
	rep movsb
	repne scasb
	lock cmpxchg16b (%rdi)
	vmaskmovps %ymm0, %ymm1, (%rdi)
	vpmaskmovd (%rsi), %ymm1, %ymm2
	btsq	$63, (%rdi)
	callq	*(%rdi,%rax,8)
	jmpq	*%fs:16
	retq
	.size	f, .-f
	.section .tbss,"awT",@nobits
x:	.zero 8
