/* More shapes clang emits: TLS (initial/local exec), stack protector, alloca, varargs,
   long double, struct copies, indirect calls through tables, setjmp-like register spills. */
#include <stdarg.h>
#include <string.h>
static __thread long counter;
extern __thread int ext_tls;
typedef int (*op_t)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static op_t ops[] = {add, sub};
int apply(int i, int a, int b) { return ops[i & 1](a, b); }
long bump(void) { counter += ext_tls; return counter; }
struct Big { char b[200]; };
struct Big copy(const struct Big *p) { struct Big r = *p; r.b[7] ^= 1; return r; }
int fmt(char *out, const char *f, ...) {
  va_list ap; va_start(ap, f); int n = 0;
  while (*f) { if (*f == 'd') n += va_arg(ap, int); else out[n & 63] = *f; f++; }
  va_end(ap); return n;
}
int stack(int n, const char *s) { char *p = __builtin_alloca(n + 1); strncpy(p, s, n); p[n] = 0; return strlen(p); }
long double mul(long double a, long double b) { return a * b + 1.0L; }
double vec(const double *a, const double *b, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
void zero(char *p, unsigned long n) { memset(p, 0, n); }
