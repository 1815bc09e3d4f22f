/* Setjmp-free recursion: deep recursion (Ackermann, tree building on the stack),
 * and recursive functions with many arguments so that some live on the stack
 * (SysV passes six integer and eight vector arguments in registers). */
#include "corpus.h"

static unsigned long __attribute__((noinline)) ack(unsigned long m, unsigned long n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

/* Fourteen integer arguments (eight on the stack) and ten doubles (two on the
 * stack), permuted at every level. */
static long __attribute__((noinline)) many(int depth, long a, long b, long c, long d, long e, long f,
                                           long g, long h, long i, long j, long k, long l, long m,
                                           double x0, double x1, double x2, double x3, double x4,
                                           double x5, double x6, double x7, double x8, double x9)
{
	if (depth == 0)
		return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j +
		       11 * k + 12 * l + 13 * m +
		       (long)(x0 + 2 * x1 + 3 * x2 + 4 * x3 + 5 * x4 + 6 * x5 + 7 * x6 + 8 * x7 +
		              9 * x8 + 10 * x9);
	long r = many(depth - 1, m, a, b, c, d, e, f, g, h, i, j, k, l + depth, x9, x0, x1, x2, x3,
	              x4, x5, x6, x7, x8 + 0.5);
	return r ^ (a * depth);
}

/* Small structs and chars on the stack among the arguments. */
struct s3 { char c; short s; int i; };
static int __attribute__((noinline)) mixed(int depth, char c1, short s1, struct s3 p, int i1,
                                           long l1, char c2, short s2, struct s3 q, char c3,
                                           unsigned char u, signed char sc)
{
	if (depth <= 0)
		return c1 + s1 + p.c + p.s + p.i + i1 + (int)l1 + c2 + s2 + q.c + q.s + q.i + c3 + u + sc;
	struct s3 np = { (char)(q.c + 1), (short)(p.s - 1), p.i ^ q.i };
	return mixed(depth - 1, c2, s2, np, i1 + 1, l1 * 3 % 1000003, c3, (short)(s1 + 1), p, c1, (unsigned char)(u + 3),
	             (signed char)(sc - 5)) + depth;
}

/* Recursion whose frames hold arrays: 2000 levels of ~300 bytes. */
static long __attribute__((noinline)) chain(int n, const long *prev)
{
	long here[32];
	for (int i = 0; i < 32; i++)
		here[i] = (prev ? prev[(i + 1) % 32] : i) * 3 % 1000000007 + n;
	if (n == 0)
		return here[0] + here[31];
	return chain(n - 1, here) % 1000000007;
}

int main(void)
{
	printf("ack: %lu %lu\n", ack(2, 300), ack(3, 5));
	printf("many: %ld\n", many(50, corpus_seed, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0.5, 1.5,
	                            2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5));
	struct s3 p = { 1, 2, 3 }, q = { -4, 5, -6 };
	printf("mixed: %d\n", mixed(100, 'a', 300, p, corpus_seed, 1L << 20, 'b', -7, q, 'c', 200, -100));
	printf("chain: %ld\n", chain(2000, 0));
	return 0;
}
