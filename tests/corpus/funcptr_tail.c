/* corpus-objvariant: tsr -Wa,--thread-safe-returns */
/* corpus-objvariant: storesonly -Wa,--stores-only */
/* corpus-variant: noplt -fno-plt */
/* corpus-variant: large -mcmodel=large */
/* Function pointers and tail calls: indirect calls (R9), sibling calls through
 * pointers (indirect jmp) and direct sibling calls (jmp rel32). */
#include "corpus.h"

typedef long (*binop)(long, long);

static long __attribute__((noinline)) f_add(long a, long b) { return a + b; }
static long __attribute__((noinline)) f_sub(long a, long b) { return a - b; }
static long __attribute__((noinline)) f_mul(long a, long b) { return a * b; }
static long __attribute__((noinline)) f_xor(long a, long b) { return a ^ b; }

static binop table[] = { f_add, f_sub, f_mul, f_xor };
volatile binop chosen = f_mul;

/* Tail call through a pointer: "jmp *%rax" at -O2. */
long __attribute__((noinline)) dispatch(unsigned i, long a, long b)
{
	return table[i % 4](a, b);
}

long __attribute__((noinline)) dispatch_volatile(long a, long b)
{
	return chosen(a, b);
}

/* Mutual recursion in tail position: direct sibling calls. */
unsigned long is_even(long n, unsigned long acc);
unsigned long __attribute__((noinline)) is_odd(long n, unsigned long acc)
{
	if (n == 0)
		return acc;
	return is_even(n - 1, acc * 3 + 1);
}
unsigned long __attribute__((noinline)) is_even(long n, unsigned long acc)
{
	if (n == 0)
		return -acc;
	return is_odd(n - 1, acc ^ n);
}

/* A continuation-passing chain: every step tail-calls the next via a pointer. */
typedef unsigned long (*step_fn)(int, unsigned long);
static unsigned long step_a(int n, unsigned long v);
static unsigned long step_b(int n, unsigned long v);
static step_fn steps[2] = { step_a, step_b };
static unsigned long __attribute__((noinline)) step_a(int n, unsigned long v)
{
	if (n <= 0)
		return v;
	return steps[(v & 1)](n - 1, v * 5 + 1);
}
static unsigned long __attribute__((noinline)) step_b(int n, unsigned long v)
{
	if (n <= 0)
		return v;
	return steps[(v >> 3) & 1](n - 1, v / 3 + 7);
}

/* qsort-style callback passed to our own sort. */
static void isort(int *a, int n, int (*cmp)(const int *, const int *))
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && cmp(&a[j - 1], &a[j]) > 0; j--) {
			int t = a[j];
			a[j] = a[j - 1];
			a[j - 1] = t;
		}
}
static int cmp_up(const int *x, const int *y) { return (*x > *y) - (*x < *y); }
static int cmp_down(const int *x, const int *y) { return (*y > *x) - (*y < *x); }

int main(void)
{
	hash_t h;
	hinit(&h);
	long s = corpus_seed;
	for (unsigned i = 0; i < 1000; i++) {
		s = dispatch(i, s, (long)i + 1) & 0xffffffffffL;
		hmix(&h, (uint64_t)s);
	}
	hmix(&h, (uint64_t)dispatch_volatile(s, 7));
	report("dispatch", h.h);
	printf("parity: %lu %lu\n", is_even(3001, 1), is_odd(2777, 2));
	printf("steps: %lu\n", steps[0](3000, (unsigned long)corpus_seed));
	int a[64];
	uint64_t r = 99;
	for (int i = 0; i < 64; i++)
		a[i] = (int)(rng_next(&r) % 1000);
	isort(a, 64, cmp_up);
	printf("up: %d %d %d\n", a[0], a[31], a[63]);
	isort(a, 64, cmp_down);
	printf("down: %d %d %d\n", a[0], a[31], a[63]);
	return 0;
}
