// Code the backend lowers to library calls it emits itself, with the C
// convention (memcpy, memset, __divti3, ...), after the plugin has run. The
// reservation belongs to the calling function's graalcc definition, not to
// the call, so these calls cannot bring %r14/%r15 back: run.sh checks the
// assembly, and that the libcalls really are there.
#include <stdarg.h>

struct big { long v[64]; };

// ASM-DAG: {{(callq|jmp)[[:space:]]+memcpy}}
void copy(struct big *d, const struct big *s) { *d = *s; }
// ASM-DAG: {{(callq|jmp)[[:space:]]+memset}}
void clear(struct big *d) { *d = (struct big){0}; }
// ASM-DAG: callq __divti3
__int128 sdiv(__int128 a, __int128 b) { return a / b; }
// ASM-DAG: callq __umodti3
unsigned __int128 umod(unsigned __int128 a, unsigned __int128 b) { return a % b; }
// ASM-DAG: callq __fixsfti
__int128 to_i128(float f) { return (__int128)f; }
// ASM-DAG: callq __floattidf
double from_i128(__int128 x) { return (double)x; }
// ASM-DAG: callq __muldc3
_Complex double cmul(_Complex double a, _Complex double b) { return a * b; }

// Varargs in graalcc: the same register save area as SysV (6 GPRs, 8 XMMs
// guarded by %al), nothing of %r14/%r15.
// ASM-LABEL: sum:
// ASM: testb %al, %al
// ASM: movaps %xmm7,
double sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++)
    s += va_arg(ap, double) + va_arg(ap, long);
  va_end(ap);
  return s;
}

// musttail needs caller and callee on the same convention: both are graalcc.
// ASM-LABEL: forward:
// ASM: jmp callee
long callee(long, long);
long forward(long a, long b) { __attribute__((musttail)) return callee(b, a); }
