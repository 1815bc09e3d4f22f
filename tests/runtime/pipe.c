/* pipe2, poll, dup2 and a signal handler that is accepted but never run. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void handler(int sig) { (void)sig; }

int main(void)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC)) {
		perror("pipe2");
		return 1;
	}
	struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { 99, POLLIN, 0 } };
	printf("poll empty: %d\n", poll(pf, 1, 0));
	printf("write: %zd\n", write(p[1], "hello", 5));
	int n = poll(pf, 2, 1000);
	printf("poll: %d in %d nval %d\n", n, !!(pf[0].revents & POLLIN), !!(pf[1].revents & POLLNVAL));
	char buf[16] = { 0 };
	printf("read: %zd %s\n", read(p[0], buf, sizeof buf - 1), buf);
	printf("dup2: %d\n", dup2(p[1], 10));
	printf("write dup: %zd\n", write(10, "x", 1));
	printf("read: %zd\n", read(p[0], buf, 1));
	close(p[1]);
	close(10);
	printf("eof: %zd\n", read(p[0], buf, 1));
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	printf("sigaction: %d\n", sigaction(SIGINT, &sa, NULL));
	stack_t ss = { 0 };
	printf("sigaltstack: %d\n", sigaltstack(NULL, &ss));
	return 0;
}
