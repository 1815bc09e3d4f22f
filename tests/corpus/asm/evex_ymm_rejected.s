# corpus: sfi-as rejects
# corpus-known-bug: rejected
# Reproducer (sfi-as, R14/R15/R18): an EVEX-encoded AVX-512VL instruction on
# ymm0-15 (what target_clones code gets under -march=icelake-client, see
# bug_target_clones.c): R14 forbids every EVEX encoding, and sfi-as only catches
# EVEX by its registers (zmm, xmm16-31, k).
# sfi-verify rejects the object; sfi-as should already stop here (R18: what R14
# forbids is a rewriter error), so that sfi-clang fails at compile time instead
# of producing a module that only the loader refuses. Today sfi-as exits 0.
	.text
	.globl	f
	.type	f,@function
f:
	{evex} vpmulld	%ymm0, %ymm1, %ymm2
	retq
	.size	f, .-f
