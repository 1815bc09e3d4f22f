# Imports a function the host never registers (R21).
	.include "sfi.inc"
	SFI_NOTE
	.text
	SFI_IMPORT nonexistent
SFI_FUNC answer
	movl $42, %eax
	SFI_RET
