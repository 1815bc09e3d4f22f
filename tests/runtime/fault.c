/* A wild write ends the sandbox with a fault message and status 128 + SIGSEGV; nothing
 * after it runs. */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	puts("before");
	fflush(stdout);
	volatile uintptr_t bad = 0x8; /* the low guard of the slot (R2) */
	*(volatile int *)bad = 1;
	puts("after");
	return 0;
}
