/* corpus-cflags: -mprfchw */
/* Regression test (driver, R15; fixed in 3e99b20). With PRFCHW enabled a write
 * prefetch became "prefetchw", which is not on the R15 allow list: sfi-verify
 * rejected the object and sfi-run the module, while sfi-clang reported no
 * error. -mprfchw stands for -march=native on an AMD Zen host (this machine),
 * where clang enables prfchw. The driver now passes -mno-prfchw. */
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
