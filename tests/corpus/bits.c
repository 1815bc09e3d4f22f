/* corpus-cflags: -mbmi -mbmi2 -mlzcnt -mpopcnt */
/* Bit tricks: bsf/bsr/tzcnt/lzcnt/popcnt, BMI1 (andn, blsr, blsi, blsmsk,
 * bextr), BMI2 (pdep, pext, bzhi, shlx, sarx, mulx, rorx), and bit-test
 * instructions on memory (bt/bts with a register offset can address far
 * beyond the operand: they must be masked like any access). */
#include "corpus.h"

static int __attribute__((noinline)) ctz(uint64_t x) { return x ? __builtin_ctzll(x) : 64; }
static int __attribute__((noinline)) clz(uint64_t x) { return x ? __builtin_clzll(x) : 64; }
static int __attribute__((noinline)) pop(uint64_t x) { return __builtin_popcountll(x); }
static int __attribute__((noinline)) clz32(uint32_t x) { return x ? __builtin_clz(x) : 32; }
static uint64_t __attribute__((noinline)) andn(uint64_t a, uint64_t b) { return ~a & b; }
static uint64_t __attribute__((noinline)) blsr(uint64_t a) { return a & (a - 1); }
static uint64_t __attribute__((noinline)) blsi(uint64_t a) { return a & -a; }
static uint64_t __attribute__((noinline)) blsmsk(uint64_t a) { return a ^ (a - 1); }
static uint64_t __attribute__((noinline)) bzhi(uint64_t a, unsigned k)
{
	return k >= 64 ? a : a & ((1ull << k) - 1);
}
static uint64_t __attribute__((noinline)) pdep(uint64_t x, uint64_t m)
{
	uint64_t r = 0;
	for (uint64_t bb = 1; m; bb += bb) {
		if (x & bb)
			r |= m & -m;
		m &= m - 1;
	}
	return r;
}
static uint64_t __attribute__((noinline)) shifts(uint64_t a, unsigned k)
{
	return (a << (k & 63)) ^ (uint64_t)((int64_t)a >> (k & 63)) ^ (a >> ((k + 7) & 63)) ^
	       (a >> 13 | a << 51);
}
static uint64_t __attribute__((noinline)) mulhi(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

/* a bitmap: bts/btr/bt on memory with a variable index */
static uint64_t bitmap[64];
static void __attribute__((noinline)) setbit(uint64_t *m, unsigned i) { m[i / 64] |= 1ull << (i % 64); }
static void __attribute__((noinline)) clrbit(uint64_t *m, unsigned i) { m[i / 64] &= ~(1ull << (i % 64)); }
static int __attribute__((noinline)) tstbit(const uint64_t *m, unsigned i) { return (m[i / 64] >> (i % 64)) & 1; }

int main(void)
{
	hash_t h;
	hinit(&h);
	uint64_t r = (uint64_t)corpus_seed;
	for (int i = 0; i < 500; i++) {
		uint64_t x = rng_next(&r), y = rng_next(&r);
		if (i % 7 == 0)
			x >>= i % 64;
		hmix(&h, (uint64_t)ctz(x) | (uint64_t)clz(x) << 8 | (uint64_t)pop(x) << 16 |
		             (uint64_t)clz32((uint32_t)x) << 24);
		hmix(&h, andn(x, y) ^ blsr(x) ^ blsi(y) ^ blsmsk(x));
		hmix(&h, bzhi(x, (unsigned)y % 70) ^ pdep(x, y) ^ shifts(x, (unsigned)y) ^ mulhi(x, y));
	}
	report("bits", h.h);
	for (unsigned i = 0; i < 4096; i += 3)
		setbit(bitmap, i);
	for (unsigned i = 0; i < 4096; i += 5)
		clrbit(bitmap, i);
	int n = 0;
	for (unsigned i = 0; i < 4096; i++)
		n += tstbit(bitmap, i);
	printf("bitmap: %d\n", n);
	printf("edge: %d %d %d %d\n", ctz(0), clz(0), pop(~0ull), clz32(1));
	return 0;
}
