/* There are no threads in a sandbox (R25): pthread_create fails cleanly with EAGAIN, and
 * the program goes on. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *run(void *arg) { return arg; }

int main(void)
{
	pthread_t t;
	int r = pthread_create(&t, NULL, run, NULL);
	printf("pthread_create: %s\n", r == EAGAIN ? "EAGAIN" : r == 0 ? "created?!" : strerror(r));
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	printf("mutex %d %d\n", pthread_mutex_lock(&m), pthread_mutex_unlock(&m));
	puts("still running");
	return 0;
}
