/* corpus-cflags: -fstack-protector-strong */
/* Stack protector: the canary is loaded from %fs:40 in the prologue and
 * compared in the epilogue (R18 rewrites both). Functions with char arrays,
 * arrays of other types and address-taken locals all get a canary under
 * -fstack-protector-strong. */
#include <string.h>
#include "corpus.h"

static unsigned __attribute__((noinline)) use_buffer(const char *s)
{
	char buf[64];
	strncpy(buf, s, sizeof buf - 1);
	buf[sizeof buf - 1] = 0;
	unsigned h = 0;
	for (char *p = buf; *p; p++)
		h = h * 31 + (unsigned char)*p;
	return h;
}

static long __attribute__((noinline)) use_array(int n)
{
	long a[10];
	for (int i = 0; i < 10; i++)
		a[i] = (long)i * n;
	long s = 0;
	for (int i = 0; i < 10; i++)
		s += a[(i * 3) % 10];
	return s;
}

static void __attribute__((noinline)) set(int *p, int v) { *p = v; }

static int __attribute__((noinline)) address_taken(int v)
{
	int x;
	set(&x, v * 2);
	return x + 1;
}

/* A canary in a function with a large frame and a VLA. */
static int __attribute__((noinline)) vla_canary(int n)
{
	char big[40000];
	char v[n];
	memset(big, 1, sizeof big);
	memset(v, 2, (size_t)n);
	return big[n] + v[n - 1] + big[sizeof big - 1];
}

int main(void)
{
	printf("buffer: %u\n", use_buffer("stack protector strong test string"));
	printf("array: %ld\n", use_array(corpus_seed));
	printf("address: %d\n", address_taken(corpus_seed));
	printf("vla: %d\n", vla_canary(100));
	return 0;
}
