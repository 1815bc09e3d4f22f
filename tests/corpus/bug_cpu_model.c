/* Regression test (runtime/ sysroot builtins; fixed in 23b75f1):
 * __builtin_cpu_supports and target_clones need compiler-rt's __cpu_model and
 * __cpu_indicator_init, which the sandbox sysroot lacked ("undefined symbol:
 * __cpu_model" at link time). For the musl triple clang dispatches
 * target_clones without an IFUNC, so the module needs no IRELATIVE
 * relocation (R20 allows only RELATIVE). */
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
