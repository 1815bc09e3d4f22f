// Clobbering %r14 is an error too, even with an empty template.
void clobber(void) {
  // ERR: reject_clobber_r14.c:[[@LINE+1]]:20: error: inline asm clobbers %r14, which the sandbox reserves [R4]
  __asm__ volatile("" : : : "memory", "r14");
}
