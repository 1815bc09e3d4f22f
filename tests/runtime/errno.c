/* errno values from real failures, strerror, perror. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	int r = open("/box/does-not-exist", O_RDONLY);
	printf("open %d errno %d %s\n", r, errno, strerror(errno));
	r = (int)write(99, "x", 1);
	printf("write %d errno %d %s\n", r, errno, strerror(errno));
	errno = 0;
	FILE *f = fopen("/ro/new", "w");
	printf("fopen %s errno %s\n", f ? "ok" : "NULL", strerror(errno));
	return 0;
}
