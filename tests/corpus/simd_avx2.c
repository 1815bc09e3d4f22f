/* corpus-variant: avx2 -mavx2 -mfma */
/* SIMD: loops clang auto-vectorises (SSE2 by default, AVX2 with -mavx2 in the
 * avx2 variant), and functions with __attribute__((target("avx2"))) that use
 * 256-bit vector types directly. The host running the tests must have AVX2. */
#include <string.h>
#include "corpus.h"

#define N 1024
static float fa[N], fb[N], fc[N];
static int ia[N], ib[N];
static unsigned char bytes[N];

static void __attribute__((noinline)) saxpy(float *restrict y, const float *restrict x, float a,
                                            int n)
{
	for (int i = 0; i < n; i++)
		y[i] = a * x[i] + y[i];
}

static int __attribute__((noinline)) isum(const int *a, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * 3 - (a[i] >> 2);
	return s;
}

static void __attribute__((noinline)) bytemax(unsigned char *d, const unsigned char *s, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = d[i] > s[i] ? d[i] : s[i];
}

typedef float v8f __attribute__((vector_size(32)));
typedef int v8i __attribute__((vector_size(32)));

__attribute__((target("avx2"), noinline)) static float dot_avx2(const float *a, const float *b,
                                                                 int n)
{
	v8f acc = { 0 };
	int i = 0;
	for (; i + 8 <= n; i += 8) {
		v8f x, y;
		memcpy(&x, a + i, sizeof x);
		memcpy(&y, b + i, sizeof y);
		acc += x * y;
	}
	float s = 0;
	for (int k = 0; k < 8; k++)
		s += acc[k];
	for (; i < n; i++)
		s += a[i] * b[i];
	return s;
}

__attribute__((target("avx2"), noinline)) static void imix_avx2(int *d, const int *s, int n)
{
	for (int i = 0; i + 8 <= n; i += 8) {
		v8i x, y;
		memcpy(&x, d + i, sizeof x);
		memcpy(&y, s + i, sizeof y);
		x = (x ^ y) + (y << 3) - (x >> 1);
		memcpy(d + i, &x, sizeof x);
	}
}

/* A vectorised reduction over doubles in the avx2 target with aligned stores
 * to a stack array (vmovaps to d(%rsp)). */
__attribute__((target("avx2"), noinline)) static double stack_vec(int n)
{
	double tmp[64] __attribute__((aligned(32)));
	for (int i = 0; i < 64; i++)
		tmp[i] = (double)(i * n % 17);
	double s = 0;
	for (int i = 0; i < 64; i++)
		s += tmp[i] * tmp[63 - i];
	return s;
}

int main(void)
{
	uint64_t r = (uint64_t)corpus_seed;
	for (int i = 0; i < N; i++) {
		fa[i] = (float)(rng_next(&r) % 1000) / 8.0f;
		fb[i] = (float)(rng_next(&r) % 1000) / 16.0f;
		fc[i] = fb[i];
		ia[i] = (int)(rng_next(&r) % 100000) - 50000;
		ib[i] = (int)(rng_next(&r) % 1000);
		bytes[i] = (unsigned char)rng_next(&r);
	}
	saxpy(fc, fa, 0.5f, N);
	hash_t h;
	hinit(&h);
	hbytes(&h, fc, sizeof fc);
	report("saxpy", h.h);
	printf("isum: %d\n", isum(ia, N));
	unsigned char d[N];
	memset(d, 128, sizeof d);
	bytemax(d, bytes, N);
	hinit(&h);
	hbytes(&h, d, sizeof d);
	report("bytemax", h.h);
	/* exact in float: small integers / powers of two */
	printf("dot: %.1f\n", (double)dot_avx2(fa, fb, 200));
	imix_avx2(ia, ib, N);
	hinit(&h);
	hbytes(&h, ia, sizeof ia);
	report("imix", h.h);
	printf("stack_vec: %.1f\n", stack_vec(corpus_seed));
	return 0;
}
