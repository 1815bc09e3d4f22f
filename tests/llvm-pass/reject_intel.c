// Intel syntax writes registers without '%'; those count too.
void intel(void) {
  // ERR: reject_intel.c:[[@LINE+2]]:21: error: inline asm uses %r15d, which the sandbox reserves [R3]: 'mov r15d, eax'
  __asm__ volatile(".intel_syntax noprefix\n"
                   "mov r15d, eax\n"
                   ".att_syntax prefix");
}
