/* A computed goto through a table: without IndirectBranchOperandPass, ISel folds
 * the table load into the jump (`jmpq *(%rdx,%r8,8)`), and sfi-as would need %r11,
 * which may be live here, to mask it (R9).
 * ASM-NOT: {{jmpq[[:space:]]+\*[^%]}}
 * ASM: {{jmpq[[:space:]]+\*%r}}
 */
int run(const unsigned char *code, int n)
{
	static void *tab[] = {&&op0, &&op1, &&op2, &&op3};
	int acc = 0, pc = 0;
	goto *tab[code[pc] & 3];
op0: acc += 1; if (++pc >= n) return acc; goto *tab[code[pc] & 3];
op1: acc *= 3; if (++pc >= n) return acc; goto *tab[code[pc] & 3];
op2: acc -= 7; if (++pc >= n) return acc; goto *tab[code[pc] & 3];
op3: acc ^= pc; if (++pc >= n) return acc; goto *tab[code[pc] & 3];
}
