/* Calls a host function that sfi-run does not provide (built with --sfi-allow-imports):
 * loading must fail with a clear message and status 70, before anything runs. */
#include <stdio.h>

int no_such_host_function(int);

int main(void)
{
	puts("must not run");
	return no_such_host_function(1);
}
