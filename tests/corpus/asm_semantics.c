/* corpus-cflags: -mno-red-zone */
/* Run-time checks of rewrites that sfi-as applies to inline assembly (the
 * compile-time view of the same cases is asm/rewriter_edge_cases.s): results
 * must match a native run. High-byte registers with memory operands (masked
 * operands need "xchgb %ah,%al"), pop to an %rsp-relative slot beyond D (the
 * address uses %rsp after the pop), rep movsb/stosb/cmpsb (R13), and reads of
 * %fs:0 (R18: the thread pointer, which musl and glibc both store at %fs:0). */
#include <string.h>
#include "corpus.h"

static unsigned char __attribute__((noinline)) hi_store_load(unsigned char *p, unsigned v)
{
	unsigned r = v;
	__asm__ volatile("movb %%ah, (%1)\n\t"     /* p[0] = v >> 8 */
	                 "movb 1(%1), %%ah\n\t"    /* ah = p[1] */
	                 "addb %%ah, 2(%1)\n\t"    /* p[2] += ah */
	                 "xchgb %%ah, 3(%1)"       /* swap ah and p[3] */
	                 : "+a"(r)
	                 : "r"(p)
	                 : "memory");
	return (unsigned char)(r >> 8) ^ (unsigned char)r;
}

static unsigned char __attribute__((noinline)) dh_cmp(const unsigned char *p, unsigned v)
{
	unsigned char eq;
	__asm__ volatile("cmpb %%dh, (%2)\n\t"
	                 "sete %0"
	                 : "=q"(eq)
	                 : "d"(v), "r"(p)
	                 : "cc");
	return eq;
}

/* pushq v; popq 0x9000(%rsp): lands at (old %rsp) + 0x9000 */
static uint64_t __attribute__((noinline)) pop_far(uint64_t v)
{
	volatile unsigned char frame[0x10000];
	unsigned char *slot;
	frame[0] = 1;
	__asm__ volatile("leaq 0x9000(%%rsp), %0" : "=r"(slot));
	if (slot < (unsigned char *)frame || slot + 8 > (unsigned char *)frame + sizeof frame)
		return 0xbad;
	__asm__ volatile("pushq %0\n\t"
	                 "popq 0x9000(%%rsp)"
	                 :
	                 : "r"(v)
	                 : "memory");
	uint64_t got;
	memcpy(&got, slot, 8);
	return got;
}

static int __attribute__((noinline)) string_ops(char *dst, const char *src, size_t n)
{
	void *d = dst, *s = (void *)src;
	size_t c = n;
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(c) : : "memory");
	d = dst + n;
	c = 8;
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(c) : "a"('#') : "memory");
	d = dst;
	s = (void *)src;
	c = n;
	unsigned char ne;
	__asm__ volatile("repe cmpsb\n\tsetne %3"
	                 : "+D"(d), "+S"(s), "+c"(c), "=q"(ne)
	                 :
	                 : "memory", "cc");
	return ne * 1000 + (int)c;
}

static int __attribute__((noinline)) fs_self(void)
{
	uint64_t tp, self;
	__asm__ volatile("movq %%fs:0, %0" : "=r"(tp));
	memcpy(&self, (void *)tp, sizeof self);
	return tp == self;
}

int main(void)
{
	unsigned char p[4] = { 0, 0x11, 0x22, 0x33 };
	unsigned char r = hi_store_load(p, 0xab00u + (unsigned)corpus_seed % 256);
	printf("hi: %02x %02x %02x %02x %02x\n", p[0], p[1], p[2], p[3], r);
	printf("dh_cmp: %d %d\n", dh_cmp(p, (unsigned)p[0] << 8), dh_cmp(p, 0x100u + p[0] * 256u));
	printf("pop_far: %llx\n", (unsigned long long)pop_far(0x1122334455667788ull ^ (uint64_t)corpus_seed));
	char src[64], dst[80];
	for (int i = 0; i < 64; i++)
		src[i] = (char)('A' + i % 26);
	printf("string_ops: %d", string_ops(dst, src, 64));
	dst[72] = 0;
	printf(" %s\n", dst + 50);
	printf("fs_self: %d\n", fs_self());
	return 0;
}
