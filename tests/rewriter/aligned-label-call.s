# A label that must start a bundle (a function entry, R21 exports; an address-taken label, R9)
# keeps that address when the first instruction after it is a call, whose bundle-locked group
# (align_to_end, R8) is padded: the padding goes after the label, not before it, and so do the
# function's FDE and DWARF label. (An address is a multiple of 32 when its last hex digit is 0
# and the one before it even.)
# SFI-AS-ARGS: -g
# DWARFDUMP-ARGS: --eh-frame --debug-info
	.text
pre:
	nop
	.globl	g
	.type	g,@function
g:
	.cfi_startproc
	callq	h
	retq
	.cfi_endproc
	.size	g, .-g
# CHECK: {{[0-9a-f]{14}[02468ace]0}} <g>:
# CHECK-NEXT: callq
	.globl	h
	.type	h,@function
h:
	syscall
	retq
	.size	h, .-h
# CHECK: {{[0-9a-f]{14}[02468ace]0}} <h>:
# CHECK-NEXT: movl $0x20020, %r11d

# DWARF: [[#%.16x,G:]] <g>:
# DWARF: DW_AT_name ("g")
# DWARF-NEXT: DW_AT_decl_file
# DWARF-NEXT: DW_AT_decl_line
# DWARF-NEXT: DW_AT_low_pc (0x[[#%.16x,G]])
# DWARF: FDE cie={{.*}} pc=[[#%.8x,G]]...
