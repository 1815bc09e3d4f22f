/* Conversions between 128-bit integers and x87 long double (64-bit significand). See
 * int128_float.c; the float/double trick (fold lost bits into a sticky bit) does not work
 * here because a 64-bit integer converts to long double exactly, so rounding to 64
 * significant bits is done by hand (to nearest, ties to even). Built without 128-bit
 * shifts or conversions of 128-bit values, which could call back into the builtins. */
#include <stdint.h>
#include <string.h>

typedef unsigned __int128 u128;
typedef __int128 s128;

long double __floatuntixf(u128 a);
long double __floattixf(s128 a);
u128 __fixunsxfti(long double x);
s128 __fixxfti(long double x);

long double __floatuntixf(u128 a)
{
	uint64_t hi = (uint64_t)(a >> 64), lo = (uint64_t)a;
	if (!hi)
		return (long double)lo;
	int s = 64 - __builtin_clzll(hi); /* bits to drop: 1..64 */
	uint64_t m = s == 64 ? hi : (hi << (64 - s)) | (lo >> s);
	uint64_t rest = s == 64 ? lo : lo << (64 - s); /* dropped bits, left-aligned */
	const uint64_t half = 1ULL << 63;
	if (rest > half || (rest == half && (m & 1))) {
		if (++m == 0) { /* carried out of 64 bits */
			m = 1ULL << 63;
			s++;
		}
	}
	long double r = (long double)m; /* exact */
	while (s-- > 0)
		r *= 2; /* exact */
	return r;
}

long double __floattixf(s128 a)
{
	return a < 0 ? -__floatuntixf(-(u128)a) : __floatuntixf((u128)a);
}

/* Truncation toward zero; out of range saturates (undefined in C). */
u128 __fixunsxfti(long double x)
{
	if (!(x >= 1))
		return 0; /* also NaN and negatives */
	if (x >= 0x1p128L)
		return ~(u128)0;
	unsigned char b[16] = { 0 };
	memcpy(b, &x, 10); /* 64-bit significand (explicit integer bit), 15-bit exponent */
	uint64_t m;
	memcpy(&m, b, 8);
	int e = (int)(((unsigned)b[9] << 8 | b[8]) & 0x7fff) - 16383 - 63; /* x = m * 2^e */
	if (e <= -64)
		return 0;
	if (e < 0)
		return m >> -e;
	u128 r = m;
	return r << e; /* e < 65: an inline shift, the count is a small variable */
}

s128 __fixxfti(long double x)
{
	if (x < 0) {
		if (x <= -0x1p127L)
			return (s128)((u128)1 << 127);
		return -(s128)__fixunsxfti(-x);
	}
	if (x >= 0x1p127L)
		return (s128)(~(u128)0 >> 1);
	return (s128)__fixunsxfti(x);
}
