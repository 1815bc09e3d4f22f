# corpus: sfi-as rejects
# corpus-error: gfni_rejected\.s:11:[0-9]+: error: instruction set GFNI is not on the allow list \[R15\]
# GFNI (clang uses it for vectorised byte multiplies and shifts under -mgfni or
# -march=icelake-client/alderlake, see bug_gfni_vnni.c) is VEX-encoded here, so
# only the instruction set tells it from AVX2: it is not on the R15 allow list.
# sfi-as refuses it at this line (sfi-verify would reject the object).
	.text
	.globl	f
	.type	f,@function
f:
	vgf2p8affineqb	$0, %ymm1, %ymm0, %ymm6
	retq
	.size	f, .-f
