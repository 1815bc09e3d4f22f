/* __int128: multiplication inline (mul/imul pairs), division and modulo
 * through compiler-rt/libgcc libcalls (__divti3, __udivti3, __modti3,
 * __umodti3), shifts by variable amounts (shld/shrd), and i128 <-> double. */
#include "corpus.h"

typedef unsigned __int128 u128;
typedef __int128 i128;

static u128 __attribute__((noinline)) umul(u128 a, u128 b) { return a * b; }
static u128 __attribute__((noinline)) udiv(u128 a, u128 b) { return a / b; }
static u128 __attribute__((noinline)) umod(u128 a, u128 b) { return a % b; }
static i128 __attribute__((noinline)) sdiv(i128 a, i128 b) { return a / b; }
static i128 __attribute__((noinline)) smod(i128 a, i128 b) { return a % b; }
static u128 __attribute__((noinline)) shl(u128 a, int k) { return a << (k & 127); }
static i128 __attribute__((noinline)) sar(i128 a, int k) { return a >> (k & 127); }
static double __attribute__((noinline)) to_double(i128 a) { return (double)a; }
static i128 __attribute__((noinline)) from_double(double d) { return (i128)d; }

static void put(const char *what, u128 v)
{
	printf("%s: %016llx%016llx\n", what, (unsigned long long)(v >> 64), (unsigned long long)v);
}

/* 128-bit modular exponentiation: lots of mul + mod libcalls. */
static uint64_t __attribute__((noinline)) powmod(uint64_t b, uint64_t e, uint64_t m)
{
	u128 r = 1, x = b % m;
	while (e) {
		if (e & 1)
			r = r * x % m;
		x = x * x % m;
		e >>= 1;
	}
	return (uint64_t)r;
}

int main(void)
{
	u128 a = ((u128)0x0123456789abcdefull << 64) | 0xfedcba9876543210ull;
	u128 b = (u128)(unsigned)corpus_seed * 1000003u + 17;
	put("mul", umul(a, b));
	put("div", udiv(a, b));
	put("mod", umod(a, b));
	put("div2", udiv(a, (u128)0x100000001ull << 40));
	put("sdiv", (u128)sdiv(-(i128)a, (i128)b));
	put("smod", (u128)smod(-(i128)a, (i128)b));
	put("shl", shl(a, corpus_seed));
	put("sar", (u128)sar(-(i128)a, 77));
	volatile double dd = -3.5e30; /* keeps __floattidf/__fixdfti calls at -O2 */
	printf("to_double: %.6e\n", to_double(-(i128)a));
	put("from_double", (u128)from_double(dd));
	printf("powmod: %llu %llu\n", (unsigned long long)powmod(3, 1000000007ull, 18446744073709551557ull),
	       (unsigned long long)powmod(corpus_seed, 65537, 1000000000000000003ull));
	return 0;
}
