/* corpus-objvariant: tsr -Wa,--thread-safe-returns */
/* corpus-objvariant: storesonly -Wa,--stores-only */
/* memcpy/memset-heavy code: large struct assignment and by-value arguments
 * (inline copies, "rep movsq" at -Os or for byval arguments: R13), memset of
 * arrays ("rep stosq"), memmove with overlap, and zero-initialised locals. */
#include <string.h>
#include "corpus.h"

struct rec {
	char name[40];
	long vals[30];
	double w[6];
	short tail[5];
};

static struct rec table[16];

static void __attribute__((noinline)) fill(struct rec *r, int k)
{
	memset(r, 0, sizeof *r);
	for (int i = 0; i < 39; i++)
		r->name[i] = (char)('A' + (i + k) % 26);
	for (int i = 0; i < 30; i++)
		r->vals[i] = (long)k * 1000 + i;
	for (int i = 0; i < 6; i++)
		r->w[i] = k + i / 8.0;
	for (int i = 0; i < 5; i++)
		r->tail[i] = (short)(k - i);
}

/* byval: the caller copies 400 bytes into the argument area */
static uint64_t __attribute__((noinline)) digest(struct rec r)
{
	hash_t h;
	hinit(&h);
	r.vals[0] ^= 0x55;
	hbytes(&h, &r, sizeof r);
	return h.h;
}

static void __attribute__((noinline)) rotate(struct rec *t, int n)
{
	struct rec first = t[0]; /* struct copy */
	for (int i = 0; i < n - 1; i++)
		t[i] = t[i + 1];
	t[n - 1] = first;
}

static struct rec __attribute__((noinline)) blank(void)
{
	struct rec r = { .name = "blank", .vals = { [29] = 29 }, .tail = { 1, 2, 3 } };
	return r;
}

/* Forced inline copies: clang emits "rep movsb" for these. */
static void __attribute__((noinline)) copy_inline(struct rec *d, const struct rec *s)
{
	__builtin_memcpy_inline(d, s, sizeof *d);
}
static void __attribute__((noinline)) clear_inline(struct rec *d)
{
	__builtin_memset_inline(d, 0, sizeof *d);
}

static void __attribute__((noinline)) shift(char *buf, size_t n, size_t by)
{
	memmove(buf + by, buf, n - by);
	memset(buf, '.', by);
}

int main(void)
{
	for (int i = 0; i < 16; i++)
		fill(&table[i], i + corpus_seed % 3);
	hash_t h;
	hinit(&h);
	for (int i = 0; i < 16; i++)
		hmix(&h, digest(table[i]));
	report("digest", h.h);
	rotate(table, 16);
	rotate(table, 16);
	hinit(&h);
	hbytes(&h, table, sizeof table);
	report("rotate", h.h);
	struct rec c;
	copy_inline(&c, &table[5]);
	copy_inline(&table[6], &table[7]);
	clear_inline(&table[7]);
	hinit(&h);
	hbytes(&h, &c, sizeof c);
	hbytes(&h, table, sizeof table);
	report("inline", h.h);
	struct rec b = blank();
	printf("blank: %s %ld %d\n", b.name, b.vals[29], b.tail[2]);
	char buf[4096];
	for (int i = 0; i < 4096; i++)
		buf[i] = (char)('a' + i % 26);
	shift(buf, sizeof buf, 100);
	shift(buf, sizeof buf, 1000);
	hinit(&h);
	hbytes(&h, buf, sizeof buf);
	report("memmove", h.h);
	long zeros[512] = { 0 };
	zeros[corpus_seed % 512] = 1;
	long s = 0;
	for (int i = 0; i < 512; i++)
		s += zeros[i] * i;
	printf("zeros: %ld\n", s);
	return 0;
}
