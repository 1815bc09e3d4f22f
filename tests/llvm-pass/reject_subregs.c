// Every width counts; a multi-line asm is reported at the line that starts the
// offending asm line, and quotes it.
void widths(void) {
  // ERR: reject_subregs.c:[[@LINE+1]]:20: error: inline asm uses %r14d, which the sandbox reserves [R4]
  __asm__ volatile("movl %%eax, %%r14d" ::: "eax");
  // ERR: reject_subregs.c:[[@LINE+1]]:20: error: inline asm uses %r15w, which the sandbox reserves [R3]
  __asm__ volatile("incw %%r15w" ::: "cc");
  // ERR: reject_subregs.c:[[@LINE+1]]:20: error: inline asm uses %r14b, which the sandbox reserves [R4]
  __asm__ volatile("xorb %%r14b, %%r14b" ::: "cc");
  __asm__ volatile("nop\n"
                   "nop\n"
  // ERR: reject_subregs.c:[[@LINE+1]]:21: error: inline asm uses %r15, which the sandbox reserves [R3]: 'movq %rax, %r15'
                   "movq %%rax, %%r15" ::: "memory");
}
