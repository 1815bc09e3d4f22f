/* abort() raises SIGABRT at itself: status 128 + 6, like a shell reports it. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	puts("aborting");
	fflush(stdout);
	abort();
}
