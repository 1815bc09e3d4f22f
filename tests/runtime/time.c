/* time(), clock_gettime, gettimeofday, nanosleep, times, localtime/strftime (UTC). */
#include <stdio.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

int main(void)
{
	time_t t = time(NULL);
	printf("time plausible %d\n", t > 1600000000 && t < 4000000000);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	struct timespec ten_ms = { 0, 10000000 };
	int r = nanosleep(&ten_ms, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
	printf("nanosleep %d slept >= 10ms %d\n", r, ns >= 10000000L);
	struct timeval tv;
	gettimeofday(&tv, NULL);
	printf("gettimeofday agrees %d\n", tv.tv_sec - t >= 0 && tv.tv_sec - t < 5);
	struct tms tm;
	printf("times ok %d\n", times(&tm) != (clock_t)-1);
	time_t fixed = 86400 * 365;
	char s[64];
	strftime(s, sizeof s, "%Y-%m-%d %H:%M:%S", gmtime(&fixed));
	printf("%s\n", s);
	printf("clock ok %d\n", clock() >= 0);
	return 0;
}
