# Regression test: sfi-as rejected a reload of a spilled stack pointer.
# clang emits "movq -40(%rbp), %rsp  # 8-byte Reload" to restore the stack after
# a VLA in a loop when no callee-saved register is free (r14/r15 are reserved,
# R1), e.g. alloca_vla.c and bug_vla_spill.c at -O2/-Os. R12.3 allows the rewrite
#   leal -8(%rbp), %r14d; movl (%r15,%r14,1), %r14d; leaq (%r15,%r14,1), %rsp
# so sfi-as must accept this file. Before e3c27a6 it failed with
#   error: write of the stack pointer: unsupported instruction MOV64rm [R12]
	.text
	.globl	f
	.type	f,@function
f:
	pushq	%rbp
	movq	%rsp, %rbp
	subq	$16, %rsp
	movq	%rsp, -8(%rbp)
	movq	-8(%rbp), %rsp
	movq	%rbp, %rsp
	popq	%rbp
	retq
	.size	f, .-f
