// C's way to pin an operand to a register: the constraint becomes "{r15}".
// (Spelling "{r15}" as the constraint directly is refused by clang itself.)
void pinned(long v) {
  register long r asm("r15") = v;
  // ERR: reject_operand_r15.c:[[@LINE+1]]:20: error: inline asm binds an operand to %r15, which the sandbox reserves [R3]
  __asm__ volatile("" : : "r"(r));
}
