/* Thread-local storage: initialised and zero __thread variables, their addresses, and errno
 * (a TLS variable in musl). The thread pointer comes from arch_prctl -> TP_SLOT (R18). */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

static __thread int counter = 41;
static __thread char zeros[100];
__thread long big[1000] = { [999] = 7 };

int main(void)
{
	counter++;
	zeros[50] = 'z';
	printf("counter %d zeros %d %c big %ld\n", counter, zeros[0], zeros[50], big[999]);
	printf("distinct %d\n", (void *)&counter != (void *)zeros && (void *)zeros != (void *)big);
	errno = 0;
	close(-5);
	printf("errno %d\n", errno);
	return 0;
}
