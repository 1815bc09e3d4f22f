/* malloc stress: many sizes (small slabs and big mmap-backed chunks), realloc in both
 * directions, free in a shuffled order, with every byte checked. Exercises mmap, munmap,
 * mremap and madvise in the host layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 2000

static uint32_t seed = 12345;
static uint32_t rnd(void) { return seed = seed * 1103515245u + 12345u; }

static void fill(unsigned char *p, size_t n, unsigned tag)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(tag + i * 7);
}

static int check(const unsigned char *p, size_t n, unsigned tag)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(tag + i * 7))
			return 0;
	return 1;
}

static size_t pick_size(void)
{
	uint32_t r = rnd() >> 8;
	switch (r % 4) {
	case 0: return 1 + r % 64;
	case 1: return 1 + r % 4096;
	case 2: return 1 + r % 100000;
	default: return 100000 + r % 1000000; /* mmap-backed */
	}
}

int main(void)
{
	static unsigned char *p[N];
	static size_t n[N];
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < N; i++) {
			n[i] = pick_size();
			p[i] = malloc(n[i]);
			if (!p[i]) {
				printf("malloc(%zu) failed\n", n[i]);
				return 1;
			}
			fill(p[i], n[i], (unsigned)i);
		}
		for (int i = 0; i < N; i++) {
			size_t m = pick_size();
			unsigned char *q = realloc(p[i], m);
			if (!q) {
				printf("realloc failed\n");
				return 1;
			}
			if (!check(q, m < n[i] ? m : n[i], (unsigned)i)) {
				printf("realloc lost data at %d\n", i);
				return 1;
			}
			p[i] = q;
			n[i] = m;
			fill(p[i], n[i], (unsigned)i + 1);
		}
		for (int k = 0; k < N; k++) { /* free in a shuffled order */
			int i = (int)(rnd() % N);
			if (!p[i])
				continue;
			if (!check(p[i], n[i], (unsigned)i + 1)) {
				printf("corruption at %d\n", i);
				return 1;
			}
			free(p[i]);
			p[i] = NULL;
		}
		for (int i = 0; i < N; i++) {
			free(p[i]);
			p[i] = NULL;
		}
	}
	void *big = malloc((size_t)512 << 20); /* 512 MiB: inside the 4 GiB slot */
	printf("big %s\n", big ? "ok" : "failed");
	if (big)
		memset(big, 1, 1 << 20);
	free(big);
	/* volatile: clang may otherwise elide the call and assume success */
	void *volatile huge = malloc((size_t)8 << 30); /* more than the slot: must fail */
	printf("huge %s\n", huge ? "unexpectedly ok" : "NULL");
	printf("calloc zero %d\n", ((int *)calloc(1000, sizeof(int)))[999]);
	puts("malloc ok");
	return 0;
}
