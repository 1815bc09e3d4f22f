/* Blocks in read on a pipe nobody writes: sfi-run --timeout must stop it (status 124). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	char c;
	if (pipe(p))
		return 1;
	printf("read: %zd\n", read(p[0], &c, 1));
	return 0;
}
