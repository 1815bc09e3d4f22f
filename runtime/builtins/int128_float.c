/* Conversions between 128-bit integers and float/double, which clang calls for casts it
 * cannot inline (see int128.c for why sfi provides its own). They must not convert a
 * 128-bit integer to or from a floating type themselves (that would call back here):
 * 64-bit conversions are inline SSE instructions, so everything goes through those.
 * The long double (x87) variants are not provided; a link that needs them fails loudly. */
#include <stdint.h>
#include <string.h>

typedef unsigned __int128 u128;
typedef __int128 s128;

double __floatuntidf(u128 a);
double __floattidf(s128 a);
float __floatuntisf(u128 a);
float __floattisf(s128 a);
u128 __fixunsdfti(double x);
s128 __fixdfti(double x);
u128 __fixunssfti(float x);
s128 __fixsfti(float x);

/* a = m * 2^shift with m < 2^64; the bits shifted out are folded into bit 0 of m (sticky),
 * which is far below the rounding position of float and double, so converting m rounds
 * exactly as converting a would. */
static uint64_t squeeze(u128 a, int *shift)
{
	uint64_t hi = (uint64_t)(a >> 64);
	if (!hi) {
		*shift = 0;
		return (uint64_t)a;
	}
	int s = 64 - __builtin_clzll(hi); /* 1..64 */
	u128 lost = a & (((u128)1 << s) - 1);
	*shift = s;
	return (uint64_t)(a >> s) | (lost != 0);
}

static double pow2(int e) /* 2^e for 0 <= e <= 64, exact */
{
	double r = 1;
	while (e-- > 0)
		r *= 2;
	return r;
}

double __floatuntidf(u128 a)
{
	int s;
	uint64_t m = squeeze(a, &s);
	return (double)m * pow2(s); /* scaling by a power of two is exact */
}

float __floatuntisf(u128 a)
{
	int s;
	uint64_t m = squeeze(a, &s);
	return (float)((float)m * pow2(s)); /* float(m) is correctly rounded; the product exact */
}

double __floattidf(s128 a) { return a < 0 ? -__floatuntidf(-(u128)a) : __floatuntidf((u128)a); }
float __floattisf(s128 a) { return a < 0 ? -__floatuntisf(-(u128)a) : __floatuntisf((u128)a); }

/* Truncation toward zero; out-of-range values are undefined in C (we saturate). */
u128 __fixunsdfti(double x)
{
	if (!(x >= 1))
		return 0; /* also NaN and negatives */
	if (x >= 0x1p128)
		return ~(u128)0;
	uint64_t bits;
	memcpy(&bits, &x, sizeof bits);
	int e = (int)((bits >> 52) & 0x7ff) - 1075; /* x = m * 2^e */
	uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
	return e >= 0 ? (u128)m << e : (u128)(m >> -e);
}

s128 __fixdfti(double x)
{
	if (x < 0) {
		if (x <= -0x1p127)
			return (s128)((u128)1 << 127);
		return -(s128)__fixunsdfti(-x);
	}
	if (x >= 0x1p127)
		return (s128)(~(u128)0 >> 1);
	return (s128)__fixunsdfti(x);
}

u128 __fixunssfti(float x) { return __fixunsdfti((double)x); } /* float -> double is exact */
s128 __fixsfti(float x) { return __fixdfti((double)x); }
