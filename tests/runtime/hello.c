/* printf, argv and the exit status through sfi-run. */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("hello, world\n");
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	fprintf(stderr, "to stderr\n");
	return 0;
}
