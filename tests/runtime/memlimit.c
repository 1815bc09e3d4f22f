/* sfi-run --mem 64M: allocations beyond the sandbox's memory limit fail with NULL (ENOMEM
 * from mmap), smaller ones keep working. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	void *volatile big = malloc(200u << 20);
	printf("200M: %s\n", big ? "allocated?!" : "NULL");
	void *volatile small = malloc(8u << 20);
	printf("8M: %s\n", small ? "ok" : "NULL");
	if (small)
		memset(small, 1, 8u << 20);
	free(small);
	return 0;
}
