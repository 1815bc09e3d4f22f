# corpus: sfi-as rejects
# corpus-known-bug: rejected
# Reproducer (sfi-as, R14/R15/R18): AVX-VNNI (clang uses it for vectorised byte
# dot products under -mavxvnni or -march=alderlake/sierraforest/arrowlake, see
# bug_gfni_vnni.c) is not on the R15 allow list.
# sfi-verify rejects the object; sfi-as should already stop here (R18: what R14
# forbids is a rewriter error), so that sfi-clang fails at compile time instead
# of producing a module that only the loader refuses. Today sfi-as exits 0.
	.text
	.globl	f
	.type	f,@function
f:
	vpdpwssd	%ymm4, %ymm8, %ymm3
	retq
	.size	f, .-f
