# SFI-AS-ARGS: --thread-safe-returns
# OBJDUMP-ARGS: -d -s -j .text -j .note.sfi --no-show-raw-insn
# R10 with --thread-safe-returns: the R9 form through %r11; the note sets flag bit 0.
	.text
f:
	retq
# CHECK: Contents of section .note.sfi:
# CHECK-NEXT: 0000 04000000 10000000 01000000 53464900
# CHECK-NEXT: 0010 01000000 00000000 00000000 01000000
# CHECK: popq %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: jmpq *%r11
# CHECK-NOT: retq
