# R18: %fs: operands are thread pointer + operand, through TP_SLOT (0x10000(%r15)).
# OBJDUMP-ARGS: -d -r --no-show-raw-insn
	.text
f:
	movq	%fs:0, %rax
# CHECK: movl 0x10000(%r15), %r14d
# CHECK-NEXT: movq (%r15,%r14), %rax
	movq	%fs:40, %rcx
# CHECK-NEXT: movl 0x10000(%r15), %r14d
# CHECK-NEXT: movq 0x28(%r15,%r14), %rcx
	movl	%fs:x@TPOFF, %eax
# CHECK-NEXT: movl 0x10000(%r15), %r14d
# CHECK-NEXT: leal (%r14), %r14d
# CHECK-NEXT: R_X86_64_TPOFF32 x
# CHECK-NEXT: movl (%r15,%r14), %eax
	movq	%fs:(%rax), %rcx
# CHECK-NEXT: movl 0x10000(%r15), %r14d
# CHECK-NEXT: leal (%r14,%rax), %r14d
# CHECK-NEXT: movq (%r15,%r14), %rcx
	movl	%edx, %fs:8(%rax,%rcx,4)
# CHECK-NEXT: movl 0x10000(%r15), %r14d
# CHECK-NEXT: leal (%r14,%rax), %r14d
# CHECK-NEXT: leal 0x8(%r14,%rcx,4), %r14d
# CHECK-NEXT: movl %edx, (%r15,%r14)
	addq	%fs:0x12345, %rdx
# CHECK-NEXT: movl 0x10000(%r15), %r14d
# CHECK-NEXT: leal 0x12345(%r14), %r14d
# CHECK-NEXT: addq (%r15,%r14), %rdx
	xorq	%fs:40, %rax
# CHECK-NEXT: movl 0x10000(%r15), %r14d
# CHECK-NEXT: xorq 0x28(%r15,%r14), %rax
	.section	.tbss,"awT",@nobits
x:
	.long	0
