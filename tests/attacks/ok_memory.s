# expect: ok
# attack: none (positive control): every R11 memory form at its limits, lea/nop of anything, and the allowed %r14 writes
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	mem
mem:
	# R4: %r14 written only at 32, 16 and 8 bits.
	movl	%edi, %r14d
	leal	8(%rax,%rbx,4), %r14d
	addl	$4, %r14d
	xchgl	%eax, %r14d
	movw	%ax, %r14w
	movb	%al, %r14b
	movzbl	%al, %r14d
	# R11 form a with the largest displacements.
	movq	(%r15,%r14,1), %rax
	movq	%rax, 0x7fff(%r15,%r14,1)
	movl	-0x7fff(%r15,%r14,1), %eax
	addl	$1, 8(%r15,%r14,1)
	# llvm-mc emits lock as its own instruction; keep bundle padding out of it.
	.bundle_lock
	lock addq	%rbx, (%r15,%r14,1)
	.bundle_unlock
	xchgq	%rax, 16(%r15,%r14,1)
	cmpxchg16b	(%r15,%r14,1)
	vmovdqu	%ymm0, (%r15,%r14,1)
	movdqu	(%r15,%r14,1), %xmm1
	fldl	(%r15,%r14,1)
	# R11 form b.
	movq	%rax, (%rsp)
	movq	0x7fff(%rsp), %rax
	movq	-0x7fff(%rsp), %rax
	pushq	8(%rsp)
	popq	8(%rsp)
	fnstcw	(%rsp)
	# R11 form d: fixed offsets in the slot, e.g. TP_SLOT.
	movl	0x10000(%r15), %r14d
	movq	0x7ffffff0(%r15), %rax
	movq	%rax, (%r15)
	# lea and nop are not accesses.
	leaq	(%rax,%rbx,8), %rcx
	leaq	-0x100000(%rbp), %rdx
	leaq	(%r14), %rsi
	nopw	(%rax,%rax,1)
	nopl	0x12345678(%rbx,%rcx,4)
	# The rewriter's mask and the access it protects.
	leal	-8(%rbp), %r14d
	movq	%rax, (%r15,%r14,1)
