# R10 return and CFI: between "popq %r11" and the "pushq %r11" that puts the return address
# back, the CFA is %rsp + 0. sfi-as adds a row right after the pop (before the bundle padding
# that may follow it) and one right after the push, only inside .cfi_startproc and only while
# the CFA is %rsp-based. Code after a mid-function return keeps its own CFI.
# DWARFDUMP-ARGS: --eh-frame
	.text
	.globl	f
	.type	f,@function
f:
	.cfi_startproc
	pushq	%rbx
	.cfi_def_cfa_offset 16
	.cfi_offset %rbx, -16
	testl	%edi, %edi
	je	.LBB0_2
	# 1 + 2 + 2 + 7 * 3 + 1 = 27 bytes: "popq %r11" ends at 0x1d, and the locked
	# sequence (10 bytes) is padded to the next bundle.
	addl	$1, %eax
	addl	$1, %eax
	addl	$1, %eax
	addl	$1, %eax
	addl	$1, %eax
	addl	$1, %eax
	addl	$1, %eax
	popq	%rbx
	.cfi_def_cfa_offset 8
	retq
# CHECK: popq %rbx
# CHECK-NEXT: popq %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: pushq %r11
# CHECK-NEXT: retq
.LBB0_2:
	.cfi_def_cfa_offset 16
	popq	%rbx
	.cfi_def_cfa_offset 8
	retq
	.cfi_endproc
	.size	f, .-f

# The CFA is %rbp-based here: the return does not move it, so no rows are added.
	.globl	fp
	.type	fp,@function
fp:
	.cfi_startproc
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	retq
	.cfi_endproc
	.size	fp, .-fp

# No CFI at all: none is made up.
	.globl	nocfi
	.type	nocfi,@function
nocfi:
	retq
	.size	nocfi, .-nocfi

# DWARF: [[#%x,POP1:]]: popq %r11
# DWARF: [[#%x,RET1:]]: retq
# DWARF: [[#%x,AFTER:]]: popq %rbx
# DWARF: [[#%x,POP2:]]: popq %r11
# DWARF: [[#%x,RET2:]]: retq
# DWARF: <fp>:
# DWARF: FDE cie={{.*}} pc=00000000...
# DWARF: 0x0: CFA=RSP+8: RIP=[CFA-8]
# DWARF-NEXT: 0x1: CFA=RSP+16: RBX=[CFA-16], RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,POP1]]: CFA=RSP+8: RBX=[CFA-16], RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,POP1+2]]: CFA=RSP: RBX=[CFA-16], RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,RET1]]: CFA=RSP+8: RBX=[CFA-16], RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,AFTER]]: CFA=RSP+16: RBX=[CFA-16], RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,POP2]]: CFA=RSP+8: RBX=[CFA-16], RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,POP2+2]]: CFA=RSP: RBX=[CFA-16], RIP=[CFA-8]
# DWARF-NEXT: 0x[[#%x,RET2]]: CFA=RSP+8: RBX=[CFA-16], RIP=[CFA-8]
# DWARF-EMPTY:
# DWARF: FDE cie=
# DWARF-NOT: CFA=RSP:
# DWARF: CFA=RBP+8: RIP=[CFA-8]
# DWARF-NOT: CFA=
