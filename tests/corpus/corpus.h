/* Shared helpers for the toolchain corpus (tests/corpus/README.md).
 * Every program prints deterministic lines "name: value" so that a sandboxed run
 * can be compared byte for byte with a native one. Inputs come from volatile
 * globals so that -O2 cannot fold the work away. */
#ifndef CORPUS_H
#define CORPUS_H
#include <stdint.h>
#include <stdio.h>

static volatile int corpus_seed = 12345;

/* FNV-1a over 64-bit values. */
typedef struct { uint64_t h; } hash_t;
static inline void hinit(hash_t *s) { s->h = 1469598103934665603ull; }
static inline void hmix(hash_t *s, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		s->h ^= (v >> (8 * i)) & 0xff;
		s->h *= 1099511628211ull;
	}
}
static inline void hbytes(hash_t *s, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++) {
		s->h ^= c[i];
		s->h *= 1099511628211ull;
	}
}
static inline void report(const char *what, uint64_t v)
{
	printf("%s: %016llx\n", what, (unsigned long long)v);
}

/* A small deterministic PRNG (xorshift64*). */
static inline uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}
#endif
