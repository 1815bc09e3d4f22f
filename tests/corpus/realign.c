/* Dynamic stack realignment: locals with __attribute__((aligned(64))) or
 * aligned(4096) force "andq $-64,%rsp" (R12.2) with %rbp as the frame pointer;
 * combined with a VLA, clang also needs a base pointer (%rbx). */
#include <string.h>
#include "corpus.h"

struct line { char b[64]; } __attribute__((aligned(64)));

static uintptr_t __attribute__((noinline)) aligned64(int n)
{
	struct line l[4];
	int x __attribute__((aligned(64))) = n;
	for (int i = 0; i < 4; i++)
		memset(l[i].b, n + i, sizeof l[i].b);
	uintptr_t bad = ((uintptr_t)&l[0] | (uintptr_t)&x) & 63;
	return bad + (unsigned char)l[3].b[63] + (unsigned)x;
}

static uintptr_t __attribute__((noinline)) aligned_page(int n)
{
	char page[4096] __attribute__((aligned(4096)));
	memset(page, n, sizeof page);
	return ((uintptr_t)page & 4095) + (unsigned char)page[4095];
}

/* realignment + VLA: %rbx becomes the base pointer */
static uint64_t __attribute__((noinline)) aligned_vla(int n)
{
	double v[n];
	double a[8] __attribute__((aligned(64)));
	for (int i = 0; i < 8; i++)
		a[i] = i * 0.5;
	for (int i = 0; i < n; i++)
		v[i] = a[i % 8] * n;
	double s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	return (uint64_t)s + (((uintptr_t)a & 63) ? 1000000 : 0);
}

/* realignment in a function that also has a large frame and calls out with
 * stack arguments */
static long __attribute__((noinline)) callee(long a, long b, long c, long d, long e, long f, long g,
                                             long h)
{
	return a - b + c - d + e - f + g - h;
}
static long __attribute__((noinline)) aligned_big(int n)
{
	struct line lines[700]; /* ~44 KiB, aligned to 64 */
	for (int i = 0; i < 700; i++)
		lines[i].b[i % 64] = (char)(i + n);
	return callee(lines[0].b[0], lines[1].b[1], lines[350].b[350 % 64], lines[699].b[699 % 64], n,
	              n * 2, ((uintptr_t)lines & 63) != 0, 8);
}

int main(void)
{
	printf("aligned64: %lu\n", (unsigned long)aligned64(corpus_seed % 100));
	printf("page: %lu\n", (unsigned long)aligned_page(7));
	printf("vla: %llu\n", (unsigned long long)aligned_vla(corpus_seed % 50 + 5));
	printf("big: %ld\n", aligned_big(corpus_seed % 100));
	return 0;
}
