# OBJDUMP-ARGS: -h -d -r --no-show-raw-insn
# A call or tail call of a weak symbol not defined here goes through the GOT in the R9 form (a
# direct "call 0" would leave the code, R7). Every executable section ends on a bundle
# boundary, padded with NOPs (linker gaps between sections are int3).
	.text
	.weak	wf
	.weak	wdef
	.globl	f
	.type	f,@function
f:
	callq	wf@PLT
# Both code sections have a size that is a multiple of 32:
# CHECK: .text {{0*[0-9a-f]*[02468ace]0}} {{[0-9a-f]+}} TEXT
# CHECK: .text.other {{0*[0-9a-f]*[02468ace]0}} {{[0-9a-f]+}} TEXT
# CHECK: <f>:
# CHECK: movq (%rip), %r11
# CHECK-NEXT: R_X86_64_REX_GOTPCRELX wf-0x4
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: callq *%r11
	callq	wdef
# CHECK-NEXT: callq
# CHECK-NEXT: R_X86_64_PLT32 wdef-0x4
	jmp	wf
# CHECK-NEXT: movq (%rip), %r11
# CHECK-NEXT: R_X86_64_REX_GOTPCRELX wf-0x4
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: jmpq *%r11
wdef:
	ud2
# CHECK: ud2
	.section	.text.other,"ax",@progbits
g:
	movl	$1, %eax
# CHECK-LABEL: <g>:
# CHECK-NEXT: movl $0x1, %eax
