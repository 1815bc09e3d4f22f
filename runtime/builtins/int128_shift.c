/* 128-bit shifts, which clang calls instead of inlining them at -Oz. Written with 64-bit
 * halves only: a 128-bit shift here could be lowered to a call of itself. Shift counts of
 * 128 or more are undefined in C; the count is taken modulo 128 as the hardware would. */
#include <stdint.h>

typedef unsigned __int128 u128;
typedef __int128 s128;

u128 __ashlti3(u128 a, int b);
u128 __lshrti3(u128 a, int b);
s128 __ashrti3(s128 a, int b);

typedef union {
	u128 all;
	struct {
		uint64_t lo, hi; /* little-endian */
	} s;
} parts;

u128 __ashlti3(u128 a, int b)
{
	parts x = { .all = a }, r;
	b &= 127;
	if (b == 0)
		return a;
	if (b >= 64) {
		r.s.lo = 0;
		r.s.hi = x.s.lo << (b - 64);
	} else {
		r.s.lo = x.s.lo << b;
		r.s.hi = (x.s.hi << b) | (x.s.lo >> (64 - b));
	}
	return r.all;
}

u128 __lshrti3(u128 a, int b)
{
	parts x = { .all = a }, r;
	b &= 127;
	if (b == 0)
		return a;
	if (b >= 64) {
		r.s.hi = 0;
		r.s.lo = x.s.hi >> (b - 64);
	} else {
		r.s.hi = x.s.hi >> b;
		r.s.lo = (x.s.lo >> b) | (x.s.hi << (64 - b));
	}
	return r.all;
}

s128 __ashrti3(s128 a, int b)
{
	parts x = { .all = (u128)a }, r;
	int64_t hi = (int64_t)x.s.hi;
	b &= 127;
	if (b == 0)
		return a;
	if (b >= 64) {
		r.s.hi = (uint64_t)(hi >> 63);
		r.s.lo = (uint64_t)(hi >> (b - 64));
	} else {
		r.s.hi = (uint64_t)(hi >> b);
		r.s.lo = (x.s.lo >> b) | (x.s.hi << (64 - b));
	}
	return (s128)r.all;
}
