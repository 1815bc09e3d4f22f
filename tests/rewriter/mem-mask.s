# R11: operands not in forms a-d get "leal <op>,%r14d" and move to (%r15,%r14,1).
	.text
	.globl	f
	.type	f,@function
f:
# CHECK-LABEL: <f>:
	movl	(%rdi), %eax
# CHECK-NEXT: leal (%rdi), %r14d
# CHECK-NEXT: movl (%r15,%r14), %eax
	movl	%eax, 8(%rdi,%rcx,4)
# CHECK-NEXT: leal 0x8(%rdi,%rcx,4), %r14d
# CHECK-NEXT: movl %eax, (%r15,%r14)
	addq	$1, -16(%rbp)
# CHECK-NEXT: leal -0x10(%rbp), %r14d
# CHECK-NEXT: addq $0x1, (%r15,%r14)
# form b: small %rsp displacement stays
	movq	8(%rsp), %rax
# CHECK-NEXT: movq 0x8(%rsp), %rax
# ... but not a large one, nor one with an index
	movq	0x9000(%rsp), %rax
# CHECK-NEXT: leal 0x9000(%rsp), %r14d
# CHECK-NEXT: movq (%r15,%r14), %rax
	movq	(%rsp,%rbx,8), %rax
# CHECK-NEXT: leal (%rsp,%rbx,8), %r14d
# CHECK-NEXT: movq (%r15,%r14), %rax
# form c: rip-relative stays
	movq	g(%rip), %rax
# CHECK-NEXT: movq (%rip), %rax
# forms a and d stay
	movq	16(%r15,%r14), %rax
# CHECK-NEXT: movq 0x10(%r15,%r14), %rax
	movq	0x10000(%r15), %rax
# CHECK-NEXT: movq 0x10000(%r15), %rax
	movq	-8(%r15), %rax
# CHECK-NEXT: leal -0x8(%r15), %r14d
# CHECK-NEXT: movq (%r15,%r14), %rax
# lea and nop are not accesses
	leaq	8(%rdi,%rsi), %rax
# CHECK-NEXT: leaq 0x8(%rdi,%rsi), %rax
	nopw	0x7(%rdi,%rsi)
# CHECK-NEXT: nopw 0x7(%rdi,%rsi)
# an instruction that reads and writes an address register: the lea reads it first
	movq	(%rax), %rax
# CHECK-NEXT: leal (%rax), %r14d
# CHECK-NEXT: movq (%r15,%r14), %rax
# push/pop of memory; pop computes its address after %rsp moved by 8
	pushq	8(%rbx)
# CHECK-NEXT: leal 0x8(%rbx), %r14d
# CHECK-NEXT: pushq (%r15,%r14)
	popq	8(%rsp,%rax)
# CHECK-NEXT: leal 0x10(%rsp,%rax), %r14d
# CHECK-NEXT: popq (%r15,%r14)
	popq	8(%rsp)
# CHECK-NEXT: popq 0x8(%rsp)
# x87, SSE, AVX, cmpxchg16b
	fldt	(%rdi)
# CHECK-NEXT: leal (%rdi), %r14d
# CHECK-NEXT: fldt (%r15,%r14)
	movaps	%xmm0, 16(%rsi)
# CHECK-NEXT: leal 0x10(%rsi), %r14d
# CHECK-NEXT: movaps %xmm0, (%r15,%r14)
	vmovdqu	(%rdx,%rcx), %ymm1
# CHECK-NEXT: leal (%rdx,%rcx), %r14d
# CHECK-NEXT: vmovdqu (%r15,%r14), %ymm1
	lock cmpxchg16b	(%r8)
# CHECK-NEXT: leal (%r8), %r14d
# CHECK-NEXT: lock
# CHECK-NEXT: cmpxchg16b (%r15,%r14)
	lock
	incl	(%rdi)
# CHECK-NEXT: leal (%rdi), %r14d
# CHECK-NEXT: lock
# CHECK-NEXT: incl (%r15,%r14)
	prefetcht0	64(%rsi)
# CHECK-NEXT: leal 0x40(%rsi), %r14d
# CHECK-NEXT: prefetcht0 (%r15,%r14)
# 32-bit address registers: the lea computes the same 32-bit address
	movl	(%eax), %ecx
# CHECK-NEXT: leal (%eax), %r14d
# CHECK-NEXT: movl (%r15,%r14), %ecx
# absolute address
	movl	g, %ecx
# CHECK-NEXT: leal 0x0, %r14d
# CHECK-NEXT: movl (%r15,%r14), %ecx
# a pure 32-bit def of %r14 is fine: the mask is dead once the load has its address
	movl	(%rax), %r14d
# CHECK-NEXT: leal (%rax), %r14d
# CHECK-NEXT: movl (%r15,%r14), %r14d
# .p2align in code pads with NOPs, never with the fill byte
	.p2align	5, 0xcc
	retq
# CHECK-NEXT: popq %r11
