// Inline asm that only looks like it names %r14/%r15 compiles: the scan
// matches whole register tokens, not substrings.
extern char r14_table[];
// ASM-LABEL: lookalikes:
// ASM: leaq r14_table(%rip), %rax
// ASM: movq $r15, %rcx
// ASM: # .Lr14 r140 %r13d %r1
long lookalikes(void) {
  long p;
  __asm__ volatile("leaq r14_table(%%rip), %0\n\t"
                   "movq $r15, %%rcx\n\t"
                   "# .Lr14 r140 %%r13d %%r1"
                   : "=r"(p) : : "rcx");
  return p;
}

// Intel syntax with other registers is fine as well (printed back as AT&T).
// ASM-LABEL: intel_ok:
// ASM: movq %r13, %rax
void intel_ok(void) {
  __asm__ volatile(".intel_syntax noprefix\n\t"
                   "mov rax, r13\n\t"
                   ".att_syntax prefix" ::: "rax");
}
