/* corpus-objvariant: icl -march=icelake-client */
/* corpus-objvariant: spr -march=sapphirerapids */
/* Regression (llvm-pass, R14; fixed by TargetFeaturesPass): clang gives every target_clones version
 * the full feature set of -march's CPU and drops the command-line -mno-avx512f
 * that sfi-clang adds: under -march=icelake-client the "avx2" and "default"
 * clones get "+avx512f,+avx512vl,+evex512,..." in their target-features while
 * ordinary functions get "-avx512f". So the clones contain EVEX code (e.g.
 * "vpmulld 0x0(%rip){1to8}, %ymm0, %ymm0"), which sfi-as passes and sfi-verify
 * rejects ([R14] EVEX encodings are forbidden). A fix that does not depend on
 * clang's flag handling: SfiPass rewrites every function's "target-features" to
 * turn off avx512f (and with it all EVEX). The variants are object-only: this
 * host has no AVX-512 to run the native build. */
#include "corpus.h"

__attribute__((target_clones("avx2", "default"))) static int sum(const int *a, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * 3;
	return s;
}

int main(void)
{
	int a[100];
	for (int i = 0; i < 100; i++)
		a[i] = i + corpus_seed;
	printf("sum: %d\n", sum(a, 100));
	return 0;
}
