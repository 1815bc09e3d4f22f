/* Odd instructions clang emits from builtins: prefetch (a memory operand that
 * does not access memory, masked anyway), fences, pause, rdtsc/rdtscp (R15),
 * and ud2 from __builtin_trap on a path that is never taken. */
#include "corpus.h"

static volatile int never = 0;

static void __attribute__((noinline)) check(int x)
{
	if (x == -1 - never)
		__builtin_trap(); /* ud2 */
}

static long __attribute__((noinline)) prefetch_sum(const long *a, int n)
{
	long s = 0;
	for (int i = 0; i < n; i++) {
		__builtin_prefetch(a + i + 16, 0, 3); /* prefetcht0 */
		__builtin_prefetch(a + i + 32, 1, 0); /* prefetchnta (or prefetchw) */
		s += a[i] * (i | 1);
	}
	return s;
}

int main(void)
{
	static long a[4096];
	for (int i = 0; i < 4096; i++)
		a[i] = i ^ corpus_seed;
	printf("prefetch: %ld\n", prefetch_sum(a, 4000));
	__builtin_ia32_mfence();
	__builtin_ia32_lfence();
	__builtin_ia32_sfence();
	__builtin_ia32_pause();
	unsigned long long t0 = __builtin_ia32_rdtsc();
	unsigned aux;
	unsigned long long t1 = __builtin_ia32_rdtscp(&aux);
	check(corpus_seed);
	printf("tsc: %d\n", t1 - t0 < (1ull << 62));
	return 0;
}
