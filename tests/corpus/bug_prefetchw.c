/* corpus-cflags: -mprfchw */
/* Reproducer (driver, R15): with PRFCHW enabled a write prefetch becomes
 * "prefetchw", which is not on the R15 allow list, so sfi-verify rejects the
 * object ("instruction set AMD3DNOW_PREFETCH ... is not on the allow list") and
 * sfi-run refuses the module, while sfi-clang reports no error. -mprfchw stands
 * for -march=native on an AMD Zen host (this machine), where clang enables
 * prfchw (and sha, vaes, clwb, clflushopt, clzero, rdpid, sse4a...). Fix either
 * in the driver (-mno-prfchw and friends among the contract flags) or by adding
 * PRFCHW to R15; either way this test passes. */
#include "corpus.h"

static long __attribute__((noinline)) fill(long *a, int n)
{
	long s = 0;
	for (int i = 0; i < n; i++) {
		__builtin_prefetch(a + i + 32, 1, 3); /* prefetchw with -mprfchw */
		a[i] = (long)i * corpus_seed;
		s += a[i];
	}
	return s;
}

int main(void)
{
	static long a[2048];
	printf("fill: %ld\n", fill(a, 2000));
	return 0;
}
