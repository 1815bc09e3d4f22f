# sfi-as -g: DWARF line information for hand-written assembly (MC's GenDwarfForAssembly, as
# llvm-mc -g / clang -c -g x.s), a compile unit named after the file, a DW_TAG_label per label.
# Each source line's row starts at the first instruction of its rewrite.
# SFI-AS-ARGS: -g
# DWARFDUMP-ARGS: --debug-info --debug-line
	.text
	.globl	f
	.type	f,@function
f:
	movl	(%rdi), %eax
	addl	$1, %eax
	retq
	.size	f, .-f
# CHECK: leal (%rdi), %r14d
# CHECK-NEXT: movl (%r15,%r14), %eax
# CHECK-NEXT: addl $0x1, %eax
# CHECK-NEXT: popq %r11

# DWARF: [[#%x,LOAD:]]: leal (%rdi), %r14d
# DWARF: [[#%x,ADD:]]: addl $0x1, %eax
# DWARF: [[#%x,RET:]]: popq %r11
# DWARF: DW_TAG_compile_unit
# DWARF: DW_AT_name ("{{.*}}debug-line.s")
# DWARF: DW_AT_producer ("sfi-as")
# DWARF: DW_AT_language (DW_LANG_Mips_Assembler)
# DWARF: DW_TAG_label
# DWARF-NEXT: DW_AT_name ("f")
# DWARF-NEXT: DW_AT_decl_file ("{{.*}}debug-line.s")
# DWARF-NEXT: DW_AT_decl_line (9)
# DWARF: Address Line
# DWARF-NEXT: ---
# DWARF-NEXT: 0x[[#%.16x,LOAD]] 10 0 0 0 0 0 is_stmt
# DWARF-NEXT: 0x[[#%.16x,ADD]] 11 0 0 0 0 0 is_stmt
# DWARF-NEXT: 0x[[#%.16x,RET]] 12 0 0 0 0 0 is_stmt
# DWARF-NEXT: 0x{{0*}}20 12 0 0 0 0 0 is_stmt end_sequence
