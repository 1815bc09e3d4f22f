# R12: 64-bit %rsp writes become a 32-bit write plus addq %r15,%rsp (one bundle-locked pair).
	.text
f:
# CHECK-LABEL: <f>:
	subq	$16, %rsp
# CHECK-NEXT: subl $0x10, %esp
# CHECK-NEXT: addq %r15, %rsp
	addq	$4096, %rsp
# CHECK-NEXT: addl $0x1000, %esp
# CHECK-NEXT: addq %r15, %rsp
	addq	$-8, %rsp
# CHECK-NEXT: addl $-0x8, %esp
# CHECK-NEXT: addq %r15, %rsp
	subq	%rax, %rsp
# CHECK-NEXT: subl %eax, %esp
# CHECK-NEXT: addq %r15, %rsp
	movq	%rbp, %rsp
# CHECK-NEXT: movl %ebp, %esp
# CHECK-NEXT: addq %r15, %rsp
	leaq	-24(%rbp), %rsp
# CHECK-NEXT: leal -0x18(%rbp), %esp
# CHECK-NEXT: addq %r15, %rsp
	andq	$-32, %rsp
# CHECK-NEXT: andq $-0x20, %rsp
	leave
# CHECK-NEXT: movl %ebp, %esp
# CHECK-NEXT: addq %r15, %rsp
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
# CHECK-NEXT: movl (%r15,%r14), %esp
# CHECK-NEXT: addq %r15, %rsp
