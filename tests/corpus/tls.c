/* corpus-variant: tlsdesc -mtls-dialect=gnu2 */
/* Thread-local variables: __thread accesses become %fs:-relative operands
 * (local-exec: "movl %fs:x@TPOFF", initial-exec through the GOT, and the
 * address of a TLS variable: "movq %fs:0,%rax; leaq x@TPOFF(%rax)"). The
 * rewriter turns them into TP_SLOT-relative accesses (R18). */
#include "corpus.h"

static __thread int counter;
static __thread long arr[100];
static __thread char name[16] = "tls-init";
__thread double scale = 1.5;

static void __attribute__((noinline)) bump(int n)
{
	for (int i = 0; i < n; i++) {
		counter += i;
		arr[i % 100] += (long)counter * i;
	}
}

static long *__attribute__((noinline)) arr_addr(void) { return arr; }
static int *__attribute__((noinline)) counter_addr(void) { return &counter; }

static long __attribute__((noinline)) indexed(int i) { return arr[i]; }

int main(void)
{
	bump(500 + corpus_seed % 5);
	long *p = arr_addr();
	long s = 0;
	for (int i = 0; i < 100; i++)
		s += p[i] ^ indexed(99 - i);
	printf("tls: %d %ld %d\n", counter, s, *counter_addr() == counter);
	name[3] = '+';
	scale *= 3;
	printf("name: %s scale: %.2f\n", name, scale);
	return 0;
}
