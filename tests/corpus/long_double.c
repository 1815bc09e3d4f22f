/* long double: x87 code (fld/fstp tbyte, fmul, fdiv, fcomi, fistp, fnstcw and
 * fldcw around conversions). Memory operands of x87 instructions are masked
 * like any other (R11). */
#include <string.h>
#include "corpus.h"

static long double __attribute__((noinline)) harmonic(int n)
{
	long double s = 0;
	for (int i = n; i >= 1; i--)
		s += 1.0L / i;
	return s;
}

static long double __attribute__((noinline)) poly(const long double *c, int n, long double x)
{
	long double r = 0;
	for (int i = n - 1; i >= 0; i--)
		r = r * x + c[i];
	return r;
}

/* float <-> long double <-> integer conversions (fistp, fildll, fnstcw/fldcw) */
static long long __attribute__((noinline)) to_ll(long double x) { return (long long)x; }
static unsigned long long __attribute__((noinline)) to_ull(long double x)
{
	return (unsigned long long)x;
}
static long double __attribute__((noinline)) from_ull(unsigned long long x) { return x; }

static int __attribute__((noinline)) cmp_ld(long double a, long double b)
{
	return (a < b) - (a > b) + 2 * (a == b);
}

struct ldpair { long double a, b; };
static struct ldpair __attribute__((noinline)) swap_ld(struct ldpair p)
{
	struct ldpair q = { p.b * 2, p.a / 2 };
	return q;
}

/* The 80-bit mantissa and exponent, without the 6 padding bytes. */
static void show(const char *what, long double x)
{
	unsigned char b[sizeof x];
	memset(b, 0, sizeof b);
	memcpy(b, &x, sizeof x);
	uint64_t mant;
	uint16_t se;
	memcpy(&mant, b, 8);
	memcpy(&se, b + 8, 2);
	printf("%s: %04x:%016llx\n", what, se, (unsigned long long)mant);
}

int main(void)
{
	show("harmonic", harmonic(1000 + corpus_seed % 7));
	long double c[5] = { 1.0L, -0.5L, 1.0L / 3, 0.25L, -1.0L / 7 };
	show("poly", poly(c, 5, 1.125L));
	long double big = 1e18L * 9.2L;
	printf("to_ll: %lld %lld\n", to_ll(-1234567.875L), to_ll(big / 100));
	printf("to_ull: %llu\n", to_ull(big + 0.5L));
	show("from_ull", from_ull(0xfedcba9876543210ull));
	printf("cmp: %d %d %d\n", cmp_ld(1.0L, 2.0L), cmp_ld(2.0L, 1.0L), cmp_ld(3.0L, 3.0L));
	struct ldpair p = { 3.0L, 10.0L };
	p = swap_ld(swap_ld(p));
	show("pair.a", p.a);
	show("pair.b", p.b);
	printf("printf: %.12Lg %.5Le\n", harmonic(50), c[4]);
	return 0;
}
