# capcheck: ok
# Every sequence and memory form sfi-as emits, in an object.
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	f
f:
	pushq	%rbp
	andq	$-16, %rsp
	movl	%edi, %r14d
	leal	8(%rax,%rbx,4), %r14d
	movw	%ax, %r14w
	movq	%rax, 0x7fff(%r15,%r14,1)
	movq	-0x7fff(%r15,%r14,1), %rax
	movq	0x7fff(%rsp), %rax
	movl	0x10000(%r15), %r14d
	movq	data(%rip), %rax
	leaq	(%rax,%rbx,8), %rcx
	nopw	(%rax,%rax,1)
	xchgl	%eax, %r14d
	cmpq	%r15, %rax
	pushq	%r15
	.bundle_lock
	movl	%ebp, %esp
	addq	%r15, %rsp
	.bundle_unlock
	.bundle_lock
	movl	%esi, %esi
	leaq	(%r15,%rsi,1), %rsi
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	rep movsq
	.bundle_unlock
	.bundle_lock
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	rep stosb
	.bundle_unlock
	.bundle_lock
	movl	%esi, %esi
	leaq	(%r15,%rsi,1), %rsi
	lodsb
	.bundle_unlock
	.bundle_lock
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	maskmovdqu	%xmm1, %xmm0
	.bundle_unlock
	movsd	(%r15,%r14,1), %xmm0
	cmpsd	$0, %xmm1, %xmm0
	je	1f
1:	.bundle_lock align_to_end
	callq	ext
	.bundle_unlock
	.bundle_lock align_to_end
	callq	g
	.bundle_unlock
	movq	%rdi, %r11
	.bundle_lock align_to_end
	andl	$-32, %r11d
	addq	%r15, %r11
	callq	*%r11
	.bundle_unlock
	.bundle_lock
	andl	$-32, %ecx
	addq	%r15, %rcx
	jmpq	*%rcx
	.bundle_unlock
	jmp	ext
	.p2align 5
g:
	popq	%r11
	.bundle_lock
	andl	$-32, %r11d
	addq	%r15, %r11
	pushq	%r11
	retq
	.bundle_unlock
	popq	%r11
	.bundle_lock
	andl	$-32, %r11d
	addq	%r15, %r11
	jmpq	*%r11
	.bundle_unlock
	.data
data:	.quad	0
