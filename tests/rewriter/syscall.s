# R18: syscall becomes a call of gate 1 in the R9 form, ending its bundle (R8).
	.text
f:
	movl	$60, %eax
	syscall
	movl	$1, %ecx
# CHECK: movl $0x3c, %eax
# CHECK-NEXT: movl $0x20020, %r11d
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: callq *%r11
# CHECK-NEXT: {{[0-9a-f]*[02468ace]0}}: movl $0x1, %ecx
# CHECK-NOT: syscall
