/* Computed goto (labels as values): "goto *p" is an indirect jmp whose targets
 * are block addresses (R9: they must be bundle starts). A small bytecode
 * interpreter in the direct-threaded style of lua and CPython. */
#include "corpus.h"

enum { OP_PUSH, OP_ADD, OP_MUL, OP_DUP, OP_SWAP, OP_JNZ, OP_DEC, OP_POP, OP_XOR, OP_HALT };

static long __attribute__((noinline)) run(const int *code, long arg)
{
	static const void *labels[] = { &&push, &&add, &&mul, &&dup, &&swap,
	                                &&jnz,  &&dec, &&pop, &&xor_, &&halt };
	long stack[64];
	int sp = 0;
	const int *pc = code;
	stack[sp++] = arg;
#define NEXT goto *labels[*pc++]
	NEXT;
push:
	stack[sp++] = *pc++;
	NEXT;
add:
	sp--;
	stack[sp - 1] += stack[sp];
	NEXT;
mul:
	sp--;
	stack[sp - 1] = (stack[sp - 1] * stack[sp]) % 1000003;
	NEXT;
dup:
	stack[sp] = stack[sp - 1];
	sp++;
	NEXT;
swap: {
	long t = stack[sp - 1];
	stack[sp - 1] = stack[sp - 2];
	stack[sp - 2] = t;
	NEXT;
}
jnz: {
	int target = *pc++;
	if (stack[sp - 1] != 0)
		pc = code + target;
	NEXT;
}
dec:
	stack[sp - 1]--;
	NEXT;
pop:
	sp--;
	NEXT;
xor_:
	sp--;
	stack[sp - 1] ^= stack[sp];
	NEXT;
halt:
	return stack[sp - 1] + sp * 1000000L;
#undef NEXT
}

/* Address-of-label values stored in a table and compared. */
static unsigned __attribute__((noinline)) label_table(int n)
{
	void *t[3] = { &&l0, &&l1, &&l2 };
	unsigned acc = 0;
	for (int i = 0; i < n; i++) {
		goto *t[(i * 7) % 3];
	l0:
		acc += 1;
		continue;
	l1:
		acc *= 2;
		continue;
	l2:
		acc ^= (unsigned)i;
	}
	return acc;
}

int main(void)
{
	/* acc = arg; counter = 1000; loop: acc = acc*3+7 xor counter; counter-- */
	static const int prog[] = {
		OP_PUSH, 1000,                 /* acc counter */
		/* 2: */ OP_SWAP,              /* counter acc */
		OP_PUSH, 3, OP_MUL, OP_PUSH, 7, OP_ADD,
		OP_SWAP,                       /* acc counter */
		OP_DUP,                        /* acc counter counter */
		OP_PUSH, 0, OP_ADD,            /* acc counter counter */
		OP_SWAP, OP_POP,               /* acc counter */
		OP_SWAP, OP_PUSH, 5, OP_XOR, OP_SWAP,
		OP_DEC, OP_JNZ, 2,
		OP_POP, OP_HALT,
	};
	printf("interp: %ld\n", run(prog, corpus_seed));
	printf("labels: %u\n", label_table(1000));
	return 0;
}
