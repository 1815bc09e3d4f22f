# Jump-table targets are bundle-aligned (R9): the table comes after the code, so sfi-as finds
# its labels in a first pass. Lightly trimmed clang-19 -O2 output of a switch.
	.text
	.globl	sw
	.p2align	4, 0x90
	.type	sw,@function
sw:
# CHECK: {{0*[0-9a-f]*[02468ace]0}} <sw>:
	cmpl	$3, %edi
	ja	.LBB0_5
	movl	%edi, %eax
	leaq	.LJTI0_0(%rip), %rcx
	movslq	(%rcx,%rax,4), %rax
	addq	%rcx, %rax
	jmpq	*%rax
# CHECK: leal (%rcx,%rax,4), %r14d
# CHECK-NEXT: movslq (%r15,%r14), %rax
# CHECK-NEXT: addq %rcx, %rax
# CHECK-NEXT: andl $-0x20, %eax
# CHECK-NEXT: addq %r15, %rax
# CHECK-NEXT: jmpq *%rax
.LBB0_2:
	movl	$11, %eax
	retq
# CHECK: {{[0-9a-f]*[02468ace]0}}: movl $0xb, %eax
.LBB0_3:
	movl	$22, %eax
	retq
# CHECK: {{[0-9a-f]*[02468ace]0}}: movl $0x16, %eax
.LBB0_4:
	movl	$33, %eax
	retq
# CHECK: {{[0-9a-f]*[02468ace]0}}: movl $0x21, %eax
.LBB0_5:
	xorl	%eax, %eax
	retq
.Lfunc_end0:
	.size	sw, .Lfunc_end0-sw
	.section	.rodata,"a",@progbits
	.p2align	2, 0x0
.LJTI0_0:
	.long	.LBB0_2-.LJTI0_0
	.long	.LBB0_3-.LJTI0_0
	.long	.LBB0_4-.LJTI0_0
	.long	.LBB0_4-.LJTI0_0
