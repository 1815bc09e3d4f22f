/* setjmp/longjmp (sfi's overrides of musl's .s: no %r14/%r15, rebased %rsp, masked jump). */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int depth;

static void dive(int n)
{
	volatile char pad[256]; /* move the stack pointer */
	pad[0] = (char)n;
	depth = n + pad[0] - n;
	if (n == 50)
		longjmp(env, n);
	dive(n + 1);
}

int main(void)
{
	volatile int count = 0;
	int r = setjmp(env);
	count++;
	if (r == 0)
		dive(0);
	printf("returned %d after depth %d, count %d\n", r, depth, count);
	if (!setjmp(env))
		longjmp(env, 0); /* 0 becomes 1 */
	else
		puts("longjmp(0) returns 1");
	sigjmp_buf sj;
	int s = sigsetjmp(sj, 1);
	if (s < 3)
		siglongjmp(sj, s + 1);
	printf("sigsetjmp loop ended at %d\n", s);
	return 0;
}
