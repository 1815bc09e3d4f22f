/* corpus-variant: retpoline -mretpoline */
/* Dense switches: clang lowers them to jump tables (indirect jmp through a
 * rip-relative table, R9), plus a sparse one that becomes a compare tree. */
#include "corpus.h"

static int __attribute__((noinline)) dense(int op, int a, int b)
{
	switch (op) {
	case 0: return a + b;
	case 1: return a - b;
	case 2: return a * b;
	case 3: return b ? a / b : 0;
	case 4: return b ? a % b : 0;
	case 5: return a & b;
	case 6: return a | b;
	case 7: return a ^ b;
	case 8: return a << (b & 15);
	case 9: return a >> (b & 15);
	case 10: return a > b ? a : b;
	case 11: return a < b ? a : b;
	case 12: return -a;
	case 13: return ~b;
	case 14: return a == b;
	case 15: return a * 3 + b * 5;
	default: return 42;
	}
}

static const char *__attribute__((noinline)) name_of(unsigned c)
{
	switch (c) {
	case 'a': return "alpha";
	case 'b': return "bravo";
	case 'c': return "charlie";
	case 'd': return "delta";
	case 'e': return "echo";
	case 'f': return "foxtrot";
	case 'g': return "golf";
	case 'h': return "hotel";
	default: return "?";
	}
}

static int __attribute__((noinline)) sparse(int x)
{
	switch (x) {
	case 1: return 10;
	case 100: return 20;
	case 1000: return 30;
	case 10000: return 40;
	case 100000: return 50;
	case -7: return 60;
	default: return 0;
	}
}

/* A state machine: a switch inside a loop, with fall-through cases. */
static unsigned __attribute__((noinline)) machine(const char *s)
{
	unsigned state = 0, acc = 0;
	for (; *s; s++) {
		switch (state) {
		case 0: acc += 1; /* fall through */
		case 1: state = (unsigned)*s % 5; break;
		case 2: acc *= 3; state = 4; break;
		case 3: acc ^= (unsigned)*s; state = 0; break;
		case 4: acc += (unsigned)*s * 7u; state = 1; break;
		}
	}
	return acc + state;
}

int main(void)
{
	hash_t h;
	hinit(&h);
	int a = corpus_seed;
	for (int op = -2; op < 20; op++)
		for (int b = -3; b < 30; b++)
			hmix(&h, (uint64_t)(int64_t)dense(op, a + b * 17, b));
	report("dense", h.h);
	for (unsigned c = 'a' - 1; c <= 'i'; c++)
		printf("%c=%s\n", (int)c, name_of(c));
	int s = 0;
	for (int x = -10; x < 200000; x += 3)
		s += sparse(x);
	s += sparse(1) + sparse(100) + sparse(1000) + sparse(10000) + sparse(100000);
	printf("sparse: %d\n", s);
	printf("machine: %u\n", machine("the quick brown fox jumps over the lazy dog 0123456789"));
	return 0;
}
