/* Struct return: small structs in rax:rdx / xmm0:xmm1, mixed int/float
 * classes, and large structs through a hidden sret pointer. Structs passed by
 * value in memory (byval) too. */
#include <string.h>
#include "corpus.h"

struct two { long a, b; };              /* rax:rdx */
struct fl { float x, y, z; };            /* xmm0:xmm1 */
struct mixed { double d; int i; };       /* xmm0, rax */
struct big { long v[9]; char tag[13]; }; /* sret */

static struct two __attribute__((noinline)) make_two(long a)
{
	struct two t = { a * 3, a ^ 0x5555 };
	return t;
}
static struct fl __attribute__((noinline)) make_fl(float s)
{
	struct fl f = { s, s * 2.0f, s - 1.0f };
	return f;
}
static struct mixed __attribute__((noinline)) make_mixed(int i)
{
	struct mixed m = { i / 4.0, i * 7 };
	return m;
}
static struct big __attribute__((noinline)) make_big(long seed)
{
	struct big b;
	for (int i = 0; i < 9; i++)
		b.v[i] = seed * (i + 1) - i;
	memcpy(b.tag, "big-struct-x", 13);
	b.tag[11] = (char)('a' + seed % 26);
	return b;
}
/* byval: the callee reads its argument from the caller's outgoing area. */
static long __attribute__((noinline)) consume_big(struct big b, struct two t, struct big c)
{
	long s = t.a - t.b;
	for (int i = 0; i < 9; i++)
		s += b.v[i] * (i + 1) - c.v[8 - i];
	return s + b.tag[11] + c.tag[0];
}
/* Returning a large struct from a function that gets one: sret chained. */
static struct big __attribute__((noinline)) twice(struct big b)
{
	for (int i = 0; i < 9; i++)
		b.v[i] *= 2;
	return b;
}

int main(void)
{
	hash_t h;
	hinit(&h);
	for (long i = 0; i < 100; i++) {
		struct two t = make_two(i + corpus_seed);
		hmix(&h, (uint64_t)t.a);
		hmix(&h, (uint64_t)t.b);
	}
	report("two", h.h);
	struct fl f = make_fl(1.5f);
	printf("fl: %.2f %.2f %.2f\n", f.x, f.y, f.z);
	struct mixed m = make_mixed(corpus_seed);
	printf("mixed: %.3f %d\n", m.d, m.i);
	struct big b = make_big(corpus_seed), c = make_big(7);
	printf("big: %ld %ld %s\n", b.v[0], b.v[8], b.tag);
	struct big d = twice(twice(c));
	printf("twice: %ld %ld\n", d.v[1], d.v[8]);
	printf("consume: %ld\n", consume_big(b, make_two(3), d));
	return 0;
}
