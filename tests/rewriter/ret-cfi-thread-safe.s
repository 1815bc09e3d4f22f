# R10 thread-safe return and CFI (see ret-cfi.s): from "popq %r11" to the "jmpq *%r11" that
# returns, the CFA is %rsp + 0; after the jmpq (code reached by branches) it is the one before
# the return again, and that code's own CFI still applies there.
# SFI-AS-ARGS: --thread-safe-returns
# DWARFDUMP-ARGS: --eh-frame
	.text
	.globl	f
	.type	f,@function
f:
	.cfi_startproc
	testl	%edi, %edi
	je	.LBB0_2
	retq
# CHECK: popq %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: jmpq *%r11
.LBB0_2:
	pushq	%rbx
	.cfi_def_cfa_offset 16
	popq	%rbx
	.cfi_def_cfa_offset 8
	retq
	.cfi_endproc
	.size	f, .-f

# DWARF: [[#%x,POP1:]]: popq %r11
# DWARF: [[#%x,JMP1:]]: jmpq *%r11
# DWARF: [[#%x,PUSH:]]: pushq %rbx
# DWARF: [[#%x,POP2:]]: popq %r11
# DWARF: [[#%x,JMP2:]]: jmpq *%r11
# DWARF: FDE cie=
# DWARF: 0x0: CFA=RSP+8: RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,POP1+2]]: CFA=RSP: RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,JMP1+3]]: CFA=RSP+8: RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,PUSH+1]]: CFA=RSP+16: RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,POP2]]: CFA=RSP+8: RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,POP2+2]]: CFA=RSP: RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,JMP2+3]]: CFA=RSP+8: RIP=[CFA-8]
# DWARF-EMPTY:
