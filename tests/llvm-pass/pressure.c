// Register pressure: run.sh checks that the assembly never mentions %r14 or
// %r15 with the plugin, and (asm-ctl) that it does without it, so the test can
// tell the difference.

// Fourteen values live across an opaque call: with the C convention the
// allocator uses every callee-saved register, %r14/%r15 included (-O1 and up).
void sink(long, long, long, long, long, long);
long across_calls(const long *p, long n) {
  long a = p[0], b = p[1], c = p[2], d = p[3], e = p[4], f = p[5], g = p[6],
       h = p[7], i = p[8], j = p[9], k = p[10], l = p[11], m = p[12], o = p[13];
  for (long t = 0; t < n; t++) {
    sink(a, b, c, d, e, f);
    a += b * t; b ^= c + t; c -= d; d += e ^ t; e *= f | 1; f += g;
    g ^= h; h += i; i -= j * t; j += k; k ^= l; l += m; m -= o; o += a;
  }
  return a + b + c + d + e + f + g + h + i + j + k + l + m + o;
}

// Twelve register operands at once. The allocator's GR64 order is rax, rcx,
// rdx, rsi, rdi, r8-r11, rbx, r14, r15, r12, r13, so without the reservation
// this hands out %r14/%r15 even at -O0, where nothing else keeps 12 values
// live. With it, twelve of the remaining registers.
// ASM-LABEL: operands:
// ASM: # %{{[a-z0-9]+( %[a-z0-9]+){11}$}}
#define TWELVE_OPERANDS                                                        \
  long a = p[0], b = p[1], c = p[2], d = p[3], e = p[4], f = p[5],             \
       g = p[6], h = p[7], i = p[8], j = p[9], k = p[10], l = p[11];           \
  __asm__ volatile("# %0 %1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11"                 \
                   : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e), "+r"(f),     \
                     "+r"(g), "+r"(h), "+r"(i), "+r"(j), "+r"(k), "+r"(l));    \
  return a + b + c + d + e + f + g + h + i + j + k + l
long operands(long *p) { TWELVE_OPERANDS; }

// no_caller_saved_registers makes every register callee-saved; %r14/%r15 are
// reserved, so they are still neither used nor saved.
// ASM-LABEL: all_saved:
// ASM: # %{{[a-z0-9]+( %[a-z0-9]+){11}$}}
__attribute__((no_caller_saved_registers)) long all_saved(long *p) {
  TWELVE_OPERANDS;
}
