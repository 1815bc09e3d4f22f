# corpus: sfi-as rejects
# corpus-error: avxvnni_rejected\.s:11:[0-9]+: error: instruction set AVX-VNNI is not on the allow list \[R15\]
# AVX-VNNI (clang uses it for vectorised byte dot products under -mavxvnni or
# -march=alderlake/sierraforest/arrowlake, see bug_gfni_vnni.c) is not on the
# R15 allow list. {vex} selects the VEX form (AVX-VNNI) that clang emits; without
# it the assembler picks the EVEX form (AVX512-VNNI), which R14 forbids anyway.
	.text
	.globl	f
	.type	f,@function
f:
	{vex} vpdpwssd	%ymm4, %ymm8, %ymm3
	retq
	.size	f, .-f
