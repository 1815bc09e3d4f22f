/* A plugin module (sfi-clang -shared): no main; the loader runs __sfi_init (from
 * sfi-plugin-crt.o), which initialises musl and runs constructors. Its exports then use
 * stdio, malloc, TLS and a host import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int host_add(int a, int b); /* imported from the host (R21) */

static int constructed;
static __thread int tls_calls = 100;

__attribute__((constructor)) static void init(void) { constructed = 1234; }

int plugin_constructed(void) { return constructed; }

/* Formats into a malloc'ed buffer; the host reads the string and frees it. */
char *plugin_format(int x)
{
	char *s = malloc(64);
	if (s)
		snprintf(s, 64, "x=%d sum=%d tls=%d %.2f", x, host_add(x, 1), ++tls_calls, x / 4.0);
	return s;
}

int plugin_print(void)
{
	printf("printed from the plugin\n");
	return fflush(stdout);
}
