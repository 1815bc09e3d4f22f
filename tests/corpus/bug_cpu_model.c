/* Reproducer (runtime/ sysroot builtins): __builtin_cpu_supports and
 * target_clones need compiler-rt's __cpu_model and __cpu_indicator_init, which
 * the sandbox sysroot does not provide, so linking fails with "undefined
 * symbol: __cpu_model". Compiling with -c and verifying work. Note for the fix:
 * target_clones also makes an IFUNC, which a static PIE resolves with an
 * R_X86_64_IRELATIVE relocation, and R20 allows only R_X86_64_RELATIVE. */
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
	__builtin_cpu_init();
	printf("sse2: %d\n", __builtin_cpu_supports("sse2") != 0);
	printf("sum: %d\n", sum(a, 100));
	return 0;
}
