/* corpus-variant: probe -fstack-clash-protection */
/* Large frames: locals of more than 32 KiB (D, R11) and more than 64 KiB (G),
 * so the frame is allocated with "subq $n,%rsp" of a large n (R12 rebase) and
 * locals are reached with displacements beyond D from %rsp (must be masked).
 * Clang probes big frames (-fstack-clash-protection is off by default; this
 * also exercises stack probes where a target enables them). */
#include <string.h>
#include "corpus.h"

static uint64_t __attribute__((noinline)) frame40k(int n)
{
	volatile unsigned char buf[40 * 1024];
	for (int i = 0; i < (int)sizeof buf; i++)
		buf[i] = (unsigned char)i;
	for (int i = 0; i < (int)sizeof buf; i += 61)
		buf[i] = (unsigned char)(i * n);
	uint64_t s = 0;
	for (int i = (int)sizeof buf - 1; i >= 0; i -= 97)
		s = s * 131 + buf[i];
	return s + buf[sizeof buf - 1] + buf[0];
}

static uint64_t __attribute__((noinline)) frame100k(int n)
{
	long big[100 * 1024 / 8];
	int small[16];
	memset(big, 0, sizeof big);
	for (int i = 0; i < 16; i++)
		small[i] = i * n;
	for (size_t i = 0; i < sizeof big / sizeof *big; i += 7)
		big[i] = (long)i ^ small[i % 16];
	uint64_t s = 0;
	for (size_t i = 0; i < sizeof big / sizeof *big; i++)
		s += (uint64_t)big[i] * (i | 1);
	/* the far ends of the frame */
	return s ^ (uint64_t)big[0] ^ (uint64_t)big[sizeof big / sizeof *big - 1] ^ (uint64_t)small[15];
}

/* Recursion through a large frame: the stack must really be that deep. */
static uint64_t __attribute__((noinline)) deep(int depth)
{
	char pad[36 * 1024];
	memset(pad, depth, sizeof pad);
	pad[depth * 100] = 1;
	if (depth == 0)
		return pad[sizeof pad - 1];
	return deep(depth - 1) * 3 + (uint64_t)pad[depth * 100] + (uint64_t)pad[sizeof pad / 2];
}

/* A large frame with a frame pointer and an outgoing argument area. */
static long __attribute__((noinline)) many(long a, long b, long c, long d, long e, long f, long g,
                                           long h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}
static long __attribute__((noinline)) frame_and_args(int n)
{
	int arr[20000];
	for (int i = 0; i < 20000; i++)
		arr[i] = i * n;
	return many(arr[0], arr[1], arr[9999], arr[10000], arr[15000], arr[19990], arr[19998],
	            arr[19999]);
}

int main(void)
{
	int n = corpus_seed;
	printf("frame40k: %llu\n", (unsigned long long)frame40k(n));
	printf("frame100k: %llu\n", (unsigned long long)frame100k(n));
	printf("deep: %llu\n", (unsigned long long)deep(6));
	printf("args: %ld\n", frame_and_args(n));
	return 0;
}
