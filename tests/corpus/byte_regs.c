/* corpus-objvariant: storesonly -Wa,--stores-only */
/* 8- and 16-bit arithmetic: unsigned char division leaves the remainder in
 * %ah (divb / idivb), and clang then moves %ah out. An instruction that names
 * %ah cannot take a REX prefix, so it cannot use %r8-%r15 either: if the
 * rewriter masks its memory operand into (%r15,%r14,1) it must move %ah
 * somewhere else first. Byte swaps, rotates and 16-bit ops too. */
#include <string.h>
#include "corpus.h"

static unsigned char ua[256], ub[256], uq[256], ur[256];
static signed char sa[256], sb[256], sq[256], sr[256];

/* quotient and remainder of the same divb stored through pointers */
static void __attribute__((noinline)) udivmod8(unsigned char *q, unsigned char *r,
                                               const unsigned char *a, const unsigned char *b,
                                               int n)
{
	for (int i = 0; i < n; i++) {
		q[i] = a[i] / b[i];
		r[i] = a[i] % b[i];
	}
}
static void __attribute__((noinline)) sdivmod8(signed char *q, signed char *r,
                                               const signed char *a, const signed char *b, int n)
{
	for (int i = 0; i < n; i++) {
		q[i] = (signed char)(a[i] / b[i]);
		r[i] = (signed char)(a[i] % b[i]);
	}
}
/* A single remainder stored straight to memory: "movb %ah, (%rdi)" is a
 * candidate instruction. */
void __attribute__((noinline)) store_rem(unsigned char *p, unsigned char a, unsigned char b)
{
	*p = a % b;
}
void __attribute__((noinline)) store_rem_idx(unsigned char *p, long i, unsigned char a,
                                             unsigned char b)
{
	p[i] = a % b;
}
/* "movb %ah, (%rdi)", "movb %dh, (%rdi,%rsi)", "movb %ah, g(%rip)" at -O2 */
void __attribute__((noinline)) store_hi(unsigned char *p, unsigned x) { *p = (unsigned char)(x >> 8); }
void __attribute__((noinline)) store_hi_idx(unsigned char *p, long i, unsigned short x)
{
	p[i] = (unsigned char)(x >> 8);
}
unsigned char hi_global;
void __attribute__((noinline)) store_hi_global(unsigned x) { hi_global = (unsigned char)(x >> 8); }
unsigned __attribute__((noinline)) rem_plus(unsigned char a, unsigned char b, const unsigned char *m)
{
	unsigned char r = a % b;
	return r + m[r];
}
/* %ah from a 16-bit value: (x >> 8) & 0xff is often "movzbl %ah" */
unsigned __attribute__((noinline)) high_byte_sum(const unsigned short *v, int n)
{
	unsigned s = 0;
	for (int i = 0; i < n; i++)
		s += (v[i] >> 8) & 0xff;
	return s;
}
void __attribute__((noinline)) high_byte_store(unsigned char *d, const unsigned *v, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (unsigned char)(v[i] >> 8);
}

static uint16_t __attribute__((noinline)) bswap16(uint16_t x) { return (uint16_t)(x << 8 | x >> 8); }
static uint32_t __attribute__((noinline)) bswap32(uint32_t x) { return __builtin_bswap32(x); }
static uint64_t __attribute__((noinline)) bswap64(uint64_t x) { return __builtin_bswap64(x); }
static uint8_t __attribute__((noinline)) rol8(uint8_t x, int k)
{
	return (uint8_t)(x << (k & 7) | x >> ((8 - k) & 7));
}
static int16_t __attribute__((noinline)) mul16(int16_t a, int16_t b) { return (int16_t)(a * b); }

int main(void)
{
	uint64_t r = (uint64_t)corpus_seed;
	for (int i = 0; i < 256; i++) {
		ua[i] = (unsigned char)rng_next(&r);
		ub[i] = (unsigned char)(rng_next(&r) | 1);
		sa[i] = (signed char)rng_next(&r);
		sb[i] = (signed char)(rng_next(&r) % 100 + 1) * (i & 1 ? -1 : 1);
	}
	udivmod8(uq, ur, ua, ub, 256);
	sdivmod8(sq, sr, sa, sb, 256);
	hash_t h;
	hinit(&h);
	hbytes(&h, uq, 256);
	hbytes(&h, ur, 256);
	report("udivmod8", h.h);
	hinit(&h);
	hbytes(&h, sq, 256);
	hbytes(&h, sr, 256);
	report("sdivmod8", h.h);
	unsigned char cell[4] = { 0 };
	store_rem(cell, ua[3], ub[3]);
	store_rem_idx(cell, 2, ua[5], ub[5]);
	store_hi(cell + 1, 0xabcd);
	store_hi_idx(cell, 3, 0x1234);
	store_hi_global((unsigned)corpus_seed);
	printf("store_hi: %u %u %u\n", cell[1], cell[3], hi_global);
	printf("store_rem: %u %u rem_plus: %u\n", cell[0], cell[2], rem_plus(ua[7], ub[7], ua));
	unsigned short w[100];
	unsigned v32[100];
	for (int i = 0; i < 100; i++) {
		w[i] = (unsigned short)rng_next(&r);
		v32[i] = (unsigned)rng_next(&r);
	}
	unsigned char hb[100];
	high_byte_store(hb, v32, 100);
	hinit(&h);
	hbytes(&h, hb, sizeof hb);
	printf("high_byte: %u %016llx\n", high_byte_sum(w, 100), (unsigned long long)h.h);
	printf("bswap: %04x %08x %016llx\n", bswap16(0x1234), bswap32(0xdeadbeef),
	       (unsigned long long)bswap64(0x0102030405060708ull));
	printf("rol8: %u %u mul16: %d\n", rol8(0x81, 1), rol8(0x81, corpus_seed), mul16(300, -300));
	return 0;
}
