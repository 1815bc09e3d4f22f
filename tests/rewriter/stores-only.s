# SFI-AS-ARGS: --stores-only
# OBJDUMP-ARGS: -d -s -j .text -j .note.sfi --no-show-raw-insn
# R11 stores-only policy: loads stay, stores and read-modify-write are masked; R13: only %rdi
# of movs/stos is rebased; the note records policy 1.
	.text
f:
	movl	(%rdi), %eax
	movl	%eax, (%rsi)
	addl	%eax, (%rdx)
	cmpl	$0, (%rcx)
	rep movsb
	rep stosb
	lodsb
	retq
# CHECK: Contents of section .note.sfi:
# CHECK-NEXT: 0000 04000000 10000000 01000000 53464900
# CHECK-NEXT: 0010 01000000 00000000 01000000 00000000
# CHECK: <f>:
# CHECK-NEXT: movl (%rdi), %eax
# CHECK-NEXT: leal (%rsi), %r14d
# CHECK-NEXT: movl %eax, (%r15,%r14)
# CHECK-NEXT: leal (%rdx), %r14d
# CHECK-NEXT: addl %eax, (%r15,%r14)
# CHECK-NEXT: cmpl $0x0, (%rcx)
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: rep movsb
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: rep stosb
# CHECK-NEXT: lodsb
