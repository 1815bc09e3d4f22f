// Inline asm naming %r15 is an error at the asm statement.
long read_base(void) {
  long x;
  // ERR: reject_asm_r15.c:[[@LINE+1]]:20: error: inline asm uses %r15, which the sandbox reserves [R3]
  __asm__ volatile("movq %%r15, %0" : "=r"(x));
  return x;
}
