/* Regression test (sfi-as, R12): a VLA in a loop whose saved stack pointer is
 * spilled to the frame. At -O2/-Os clang restores it with
 * "movq -56(%rbp), %rsp  # 8-byte Reload", which sfi-as rejected with
 * "write of the stack pointer: unsupported instruction MOV64rm [R12]" until
 * e3c27a6. See asm/rsp_reload.s for the one-instruction version. */
#include <string.h>
#include "corpus.h"

static unsigned long __attribute__((noinline)) f(int rounds)
{
	unsigned long s = 0;
	for (int r = 1; r <= rounds; r++) {
		char buf[r * 37 + 1];
		memset(buf, 'a' + r % 26, sizeof buf);
		buf[r * 37] = 0;
		s += strlen(buf) * (unsigned char)buf[r];
	}
	return s;
}

int main(void)
{
	printf("f: %lu\n", f(corpus_seed % 10 + 50));
	return 0;
}
