/* 128-bit integer division for sandbox code (clang calls these for __int128
 * / and %). Written for sfi: the host's libclang_rt.builtins is not sandbox
 * code (bare ret, free use of %r14/%r15) and can never be linked into a
 * module. The code must not use / or % on 128-bit values itself, or clang
 * would call back into these functions. */
typedef unsigned __int128 u128;
typedef __int128 s128;
typedef unsigned long long u64;

u128 __udivmodti4(u128 n, u128 d, u128 *rem);
u128 __udivti3(u128 n, u128 d);
u128 __umodti3(u128 n, u128 d);
s128 __divti3(s128 n, s128 d);
s128 __modti3(s128 n, s128 d);

static int clz128(u128 x)
{
	u64 hi = (u64)(x >> 64), lo = (u64)x;
	return hi ? __builtin_clzll(hi) : 64 + (lo ? __builtin_clzll(lo) : 64);
}

u128 __udivmodti4(u128 n, u128 d, u128 *rem)
{
	if (d == 0) {
		/* Undefined in C; trap like the hardware divide does. */
		volatile u64 zero = 0;
		return (u128)(1 / zero);
	}
	if (n < d) {
		if (rem)
			*rem = n;
		return 0;
	}
	u64 nhi = (u64)(n >> 64), nlo = (u64)n;
	if ((d >> 64) == 0 && nhi == 0) {
		/* Both fit in 64 bits: one hardware divide. */
		if (rem)
			*rem = nlo % (u64)d;
		return nlo / (u64)d;
	}
	/* Shift-subtract long division, starting at the first quotient bit
	 * that can be set (n >= d here, so shift >= 0). */
	int shift = clz128(d) - clz128(n);
	u128 q = 0;
	d <<= shift;
	for (int i = 0; i <= shift; i++) {
		q <<= 1;
		if (n >= d) {
			n -= d;
			q |= 1;
		}
		d >>= 1;
	}
	if (rem)
		*rem = n;
	return q;
}

u128 __udivti3(u128 n, u128 d) { return __udivmodti4(n, d, 0); }

u128 __umodti3(u128 n, u128 d)
{
	u128 r;
	__udivmodti4(n, d, &r);
	return r;
}

/* Two's-complement magnitude; correct for the most negative value too. */
static u128 mag(s128 x) { return x < 0 ? -(u128)x : (u128)x; }

s128 __divti3(s128 n, s128 d)
{
	u128 q = __udivmodti4(mag(n), mag(d), 0);
	return (s128)(((n < 0) != (d < 0)) ? -q : q);
}

s128 __modti3(s128 n, s128 d)
{
	u128 r;
	__udivmodti4(mag(n), mag(d), &r);
	return (s128)(n < 0 ? -r : r); /* the remainder takes the dividend's sign */
}
