# R12: 64-bit %rsp writes compute the new offset in %r14d, then leaq (%r15,%r14,1),%rsp.
	.text
f:
# CHECK-LABEL: <f>:
	subq	$16, %rsp
# CHECK-NEXT: leal -0x10(%rsp), %r14d
# CHECK-NEXT: leaq (%r15,%r14), %rsp
	addq	$4096, %rsp
# CHECK-NEXT: leal 0x1000(%rsp), %r14d
# CHECK-NEXT: leaq (%r15,%r14), %rsp
	addq	$-8, %rsp
# CHECK-NEXT: leal -0x8(%rsp), %r14d
# CHECK-NEXT: leaq (%r15,%r14), %rsp
	subq	%rax, %rsp
# CHECK-NEXT: movl %esp, %r14d
# CHECK-NEXT: subl %eax, %r14d
# CHECK-NEXT: leaq (%r15,%r14), %rsp
	movq	%rbp, %rsp
# CHECK-NEXT: movl %ebp, %r14d
# CHECK-NEXT: leaq (%r15,%r14), %rsp
	leaq	-24(%rbp), %rsp
# CHECK-NEXT: leal -0x18(%rbp), %r14d
# CHECK-NEXT: leaq (%r15,%r14), %rsp
	andq	$-32, %rsp
# CHECK-NEXT: andq $-0x20, %rsp
	leave
# CHECK-NEXT: movl %ebp, %r14d
# CHECK-NEXT: leaq (%r15,%r14), %rsp
# CHECK-NEXT: popq %rbp
# reads of %rsp and implicit writes are fine
	movq	%rsp, %rbp
# CHECK-NEXT: movq %rsp, %rbp
	pushq	%rax
# CHECK-NEXT: pushq %rax
	popq	%rax
# CHECK-NEXT: popq %rax
# movq m,%rsp (longjmp): masked load of the low half, then the rebase
	movq	48(%rdi), %rsp
# CHECK-NEXT: leal 0x30(%rdi), %r14d
# CHECK-NEXT: movl (%r15,%r14), %r14d
# CHECK-NEXT: leaq (%r15,%r14), %rsp
