/* exit() from deep inside, with atexit handlers and buffered stdio flushed. */
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { puts("atexit ran"); }

static void deep(int n)
{
	if (!n)
		exit(7);
	deep(n - 1);
}

int main(void)
{
	atexit(bye);
	printf("buffered, no newline yet...");
	deep(10);
}
