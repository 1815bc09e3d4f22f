/* Unbounded recursion runs into the stack guard (R2): a fault, status 128 + SIGSEGV. */
#include <stdio.h>

static volatile int forever = 1; /* hides the endless recursion from -Winfinite-recursion */

static int down(volatile char *p, int n)
{
	volatile char frame[1024];
	frame[0] = (char)n;
	if (!forever)
		return p[0];
	return down(frame, n + 1) + p[0];
}

int main(void)
{
	char c = 0;
	return down(&c, 0);
}
