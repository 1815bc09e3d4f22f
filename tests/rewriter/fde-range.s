# An FDE covers its whole function even when bundle padding lies inside it: MC folds a label
# difference such as the FDE's range when it is emitted, before the layout inserts padding,
# unless sfi-as keeps it from doing so (SandboxStreamer::pinLabels). Here the string-operation
# sequence (R13, locked) is padded to the next bundle, 4 bytes the early fold would miss.
# DWARFDUMP-ARGS: --eh-frame
	.text
	.globl	f
	.type	f,@function
f:
	.cfi_startproc
	.rept	14
	addl	%eax, %eax
	.endr
	stosb
	retq
	.cfi_endproc
	.size	f, .-f
# CHECK: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: stosb

# DWARF: [[#%x,RET:]]: retq
# DWARF: FDE cie={{.*}} pc=00000000...[[#%.8x,RET+1]]
