# Built with the stores-only policy (R11): refused unless the host opts in.
	.include "sfi.inc"
	SFI_NOTE 1
	.text
SFI_FUNC answer
	movl $42, %eax
	SFI_RET
