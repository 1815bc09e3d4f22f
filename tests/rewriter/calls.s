# R8: every call ends its bundle; R9: indirect calls and jumps go through the masked sequence.
	.text
	.globl	f
	.type	f,@function
f:
# CHECK: {{0*[0-9a-f]*[02468ace]0}} <f>:
	movl	$1, %eax
	callq	g
# CHECK: callq
# CHECK-NEXT: {{[0-9a-f]*[02468ace]0}}: movl $0x2, %eax
	movl	$2, %eax
	callq	*%rax
# CHECK: andl $-0x20, %eax
# CHECK-NEXT: addq %r15, %rax
# CHECK-NEXT: callq *%rax
# CHECK-NEXT: {{[0-9a-f]*[02468ace]0}}: movl $0x3, %eax
	movl	$3, %eax
	callq	*8(%rbx)
# CHECK: leal 0x8(%rbx), %r14d
# CHECK-NEXT: movq (%r15,%r14), %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: callq *%r11
# CHECK-NEXT: {{[0-9a-f]*[02468ace]0}}: movl $0x4, %eax
	movl	$4, %eax
	callq	*g@GOTPCREL(%rip)
# CHECK: movq (%rip), %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: callq *%r11
# CHECK-NEXT: {{[0-9a-f]*[02468ace]0}}: movl $0x5, %eax
	movl	$5, %eax
	jmpq	*%rcx
# CHECK: andl $-0x20, %ecx
# CHECK-NEXT: addq %r15, %rcx
# CHECK-NEXT: jmpq *%rcx
	jmpq	*__sfi_import__f(%rip)
# CHECK-NEXT: movq (%rip), %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: jmpq *%r11
	notrack jmpq	*(%rax,%rdx,8)
# CHECK-NEXT: leal (%rax,%rdx,8), %r14d
# CHECK-NEXT: movq (%r15,%r14), %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: jmpq *%r11
