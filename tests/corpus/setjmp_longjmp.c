/* setjmp/longjmp from libc: musl's setjmp saves %rsp and the return address,
 * and longjmp restores them and jumps ("jmp *%rdx"): in the sandbox libc that
 * must be the masked form. Here we only need the calls to compile; the run
 * test checks that unwinding through several frames works. */
#include <setjmp.h>
#include "corpus.h"

static jmp_buf env;
static volatile int depth_reached;

static void __attribute__((noinline)) dive(int depth, int limit)
{
	volatile char pad[256];
	pad[0] = (char)depth;
	depth_reached = depth + pad[0] - depth;
	if (depth == limit)
		longjmp(env, depth * 10 + 1);
	dive(depth + 1, limit);
}

int main(void)
{
	volatile int total = 0;
	for (volatile int limit = 1; limit <= 5; limit++) {
		int r = setjmp(env);
		if (r == 0)
			dive(0, limit * (corpus_seed % 3 + 1));
		else
			total += r + depth_reached;
	}
	printf("setjmp: %d\n", total);
	return 0;
}
