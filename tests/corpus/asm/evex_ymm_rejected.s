# corpus: sfi-as rejects
# corpus-error: evex_ymm_rejected\.s:11:[0-9]+: error: forbidden instruction: EVEX encoding.*\[R14\]
# An EVEX-encoded AVX-512VL instruction on ymm0-15 (what target_clones code gets
# under -march=icelake-client, see bug_target_clones.c): R14 forbids every EVEX
# encoding, also one that names no EVEX-only register. sfi-as tells EVEX by the
# opcode's encoding form (TSFlags), not by its registers.
	.text
	.globl	f
	.type	f,@function
f:
	{evex} vpmulld	%ymm0, %ymm1, %ymm2
	retq
	.size	f, .-f
