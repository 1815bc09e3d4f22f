/* alloca and VLAs: dynamic %rsp adjustment (subq %reg,%rsp -> R12 rebase),
 * frames that need %rbp, VLAs inside loops (stacksave/stackrestore). */
#include <stdlib.h>
#include <string.h>
#include "corpus.h"

#if defined(__GNUC__)
#define my_alloca(n) __builtin_alloca(n)
#endif

static uint64_t __attribute__((noinline)) vla_sum(int n)
{
	long v[n];
	for (int i = 0; i < n; i++)
		v[i] = (long)i * i - n;
	uint64_t s = 0;
	for (int i = n - 1; i >= 0; i--)
		s = s * 33 + (uint64_t)v[i];
	return s;
}

/* A VLA in a loop: the stack is saved and restored every iteration. */
static uint64_t __attribute__((noinline)) vla_loop(int rounds)
{
	uint64_t s = 0;
	for (int r = 1; r <= rounds; r++) {
		char buf[r * 37 + 1];
		memset(buf, 'a' + r % 26, sizeof buf);
		buf[r * 37] = 0;
		s += strlen(buf) * (unsigned char)buf[r];
	}
	return s;
}

static uint64_t __attribute__((noinline)) with_alloca(int n)
{
	uint64_t s = 0;
	int *p = my_alloca(sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++)
		p[i] = i ^ n;
	for (int k = 0; k < 4; k++) {
		/* alloca in a loop grows the frame each time */
		short *q = my_alloca(sizeof(short) * (size_t)(n + k));
		for (int i = 0; i < n + k; i++)
			q[i] = (short)(p[i % n] + k);
		for (int i = 0; i < n + k; i++)
			s += (uint64_t)q[i] * (uint64_t)(i + 1);
	}
	return s;
}

/* 2-D VLA parameters and a VLA of VLAs. */
static long __attribute__((noinline)) matmul_trace(int n, long a[n][n], long b[n][n])
{
	long c[n][n];
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			c[i][j] = 0;
			for (int k = 0; k < n; k++)
				c[i][j] += a[i][k] * b[k][j];
		}
	long t = 0;
	for (int i = 0; i < n; i++)
		t += c[i][i] - c[i][n - 1 - i];
	return t;
}

/* A big VLA: beyond D, beyond G. */
static uint64_t __attribute__((noinline)) big_vla(int kib)
{
	unsigned char v[kib * 1024];
	for (int i = 0; i < kib * 1024; i++)
		v[i] = (unsigned char)(i * 7);
	return (uint64_t)v[0] + v[kib * 512] * 3u + v[kib * 1024 - 1] * 5u;
}

int main(void)
{
	int n = corpus_seed % 50 + 10;
	printf("vla_sum: %llu\n", (unsigned long long)vla_sum(n));
	printf("vla_loop: %llu\n", (unsigned long long)vla_loop(60));
	printf("alloca: %llu\n", (unsigned long long)with_alloca(n));
	int m = n % 9 + 3;
	long a[m][m], b[m][m];
	for (int i = 0; i < m; i++)
		for (int j = 0; j < m; j++) {
			a[i][j] = i + 2 * j;
			b[i][j] = i * j - 3;
		}
	printf("matmul: %ld\n", matmul_trace(m, a, b));
	printf("big_vla: %llu\n", (unsigned long long)big_vla(100));
	return 0;
}
