/* corpus-cflags: -mavx2 -mtune=skylake */
/* Regression test (driver, R14; fixed in 3e99b20). With AVX2 and a tuning
 * that has fast gathers (-mtune=skylake, -march=skylake/alderlake, ...), the
 * loop vectoriser turned these indexed loads into vpgatherdd/vgatherqps, and
 * sfi-as stopped with "forbidden instruction: VSIB gather/scatter [R14]" at
 * -O2/-O3/-Os. The driver now passes -mno-gather -mno-scatter; explicit gather
 * intrinsics still reach sfi-as and are rejected there. */
#include "corpus.h"

static int __attribute__((noinline)) gsum(const int *a, const int *idx, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += a[idx[i]];
	return s;
}

static float __attribute__((noinline)) gsumf(const float *a, const long *idx, int n)
{
	float s = 0;
	for (int i = 0; i < n; i++)
		s += a[idx[i]] * 2.0f;
	return s;
}

int main(void)
{
	static int a[1000], ix[1000];
	static float f[1000];
	static long lx[1000];
	uint64_t r = (uint64_t)corpus_seed;
	for (int i = 0; i < 1000; i++) {
		a[i] = (int)(rng_next(&r) % 1000);
		f[i] = (float)(i % 64);
		ix[i] = (int)(rng_next(&r) % 1000);
		lx[i] = (long)(rng_next(&r) % 1000);
	}
	printf("gsum: %d\n", gsum(a, ix, 1000));
	printf("gsumf: %.1f\n", (double)gsumf(f, lx, 1000));
	return 0;
}
