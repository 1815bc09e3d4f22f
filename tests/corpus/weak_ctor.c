/* Weak symbols and constructors: a weak undefined function is 0 and must not
 * be called (sfi-as calls weak undefined symbols through the GOT), a weak
 * definition is used, and constructors/destructors run from .init_array and
 * .fini_array (musl's crt), with atexit handlers in reverse order. */
#include <stdlib.h>
#include "corpus.h"

extern void missing_hook(int) __attribute__((weak));
extern int missing_var __attribute__((weak));
int __attribute__((weak)) present_hook(int x) { return x * 2; }

static int order[8], n_order;

__attribute__((constructor(101))) static void ctor_first(void) { order[n_order++] = 1; }
__attribute__((constructor(102))) static void ctor_second(void) { order[n_order++] = 2; }
__attribute__((constructor)) static void ctor_default(void) { order[n_order++] = 3; }
__attribute__((destructor)) static void dtor(void) { printf("dtor\n"); }

static void bye1(void) { printf("atexit 1\n"); }
static void bye2(void) { printf("atexit 2\n"); }

int main(void)
{
	printf("ctors: %d:", n_order);
	for (int i = 0; i < n_order; i++)
		printf(" %d", order[i]);
	printf("\n");
	printf("weak: %d %d %d\n", missing_hook == 0, &missing_var == 0, present_hook(corpus_seed));
	if (missing_hook)
		missing_hook(1);
	atexit(bye1);
	atexit(bye2);
	fflush(stdout);
	return 0;
}
