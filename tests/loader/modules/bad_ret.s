# Fails verification: a bare ret (R10).
	.include "sfi.inc"
	SFI_NOTE
	.text
SFI_FUNC answer
	movl $42, %eax
	retq
