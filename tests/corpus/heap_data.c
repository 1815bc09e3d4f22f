/* Memory beyond the stack: a 48 MiB zero-initialised array (bss), 1 MiB of
 * initialised data, pointers stored in data (R_X86_64_RELATIVE relocations,
 * R20), and malloc/realloc/free patterns that make musl's mallocng map and
 * unmap memory: many small blocks, growth by realloc, and blocks of 1-64 MiB. */
#include <stdlib.h>
#include <string.h>
#include "corpus.h"

#define BIG (48u << 20)
static unsigned char big[BIG];
static uint32_t table[256 * 1024] = { 1, 2, 3, [256 * 1024 - 1] = 0xdeadbeef };
static const char *names[] = { "alpha", "beta", "gamma", "delta" }; /* relocated pointers */
static uint32_t *const table_end = table + 256 * 1024 - 1;

int main(void)
{
	hash_t h;
	hinit(&h);
	uint64_t r = (uint64_t)corpus_seed;
	for (int i = 0; i < 100000; i++) {
		uint32_t k = (uint32_t)(rng_next(&r) % BIG);
		big[k] = (unsigned char)(big[k] + k);
	}
	for (uint32_t k = 0; k < BIG; k += 4093)
		hmix(&h, big[k]);
	hmix(&h, big[BIG - 1]);
	report("bss", h.h);
	for (int i = 3; i < 256 * 1024 - 1; i++)
		table[i] = table[i - 1] * 31u + table[i - 3];
	printf("data: %08x %08x %s %s\n", table[256 * 1024 - 2], *table_end, names[corpus_seed % 4], names[3]);

	/* small blocks: allocate, free every other one, reallocate */
	enum { N = 20000 };
	static char *blocks[N];
	for (int i = 0; i < N; i++) {
		size_t n = (size_t)(rng_next(&r) % 200) + 1;
		blocks[i] = malloc(n);
		memset(blocks[i], i & 0xff, n);
		blocks[i][0] = (char)n;
	}
	long sum = 0;
	for (int i = 0; i < N; i += 2) {
		sum += (unsigned char)blocks[i][0];
		free(blocks[i]);
		blocks[i] = NULL;
	}
	for (int i = 1; i < N; i += 2) {
		size_t n = (unsigned char)blocks[i][0];
		char *p = realloc(blocks[i], n * 3);
		sum += p[n - 1] & 0xff;
		blocks[i] = p;
	}
	for (int i = 0; i < N; i++)
		free(blocks[i]);
	printf("small: %ld\n", sum);

	/* growth by doubling, then large blocks that mallocng maps directly */
	size_t cap = 16, len = 0;
	uint32_t *v = malloc(cap * sizeof *v);
	for (uint32_t i = 0; i < 3000000; i++) {
		if (len == cap) {
			cap *= 2;
			v = realloc(v, cap * sizeof *v);
		}
		v[len++] = i * 2654435761u;
	}
	hinit(&h);
	for (size_t i = 0; i < len; i += 1001)
		hmix(&h, v[i]);
	free(v);
	report("grow", h.h);
	for (int round = 0; round < 3; round++) {
		for (size_t mib = 1; mib <= 64; mib *= 4) {
			unsigned char *p = malloc(mib << 20);
			if (!p) {
				printf("malloc %zu MiB failed\n", mib);
				return 1;
			}
			for (size_t i = 0; i < (mib << 20); i += 4096)
				p[i] = (unsigned char)(i >> 12);
			sum += p[(mib << 20) - 4096];
			free(p);
		}
	}
	unsigned char *z = calloc(8 << 20, 1);
	size_t nz = 0;
	for (size_t i = 0; i < (8u << 20); i += 512)
		nz += z[i] != 0;
	free(z);
	printf("large: %ld %zu\n", sum, nz);
	return 0;
}
