// Built with the plugin and run on the host: graalcc code must still work
// with itself (varargs, musttail, indirect calls), with codegen's libcalls
// (memcpy, __divti3, __fixsfti) and with C-convention code calling it (qsort's
// comparator, main called by libc), and must leave %r14/%r15 alone while its
// frames are live (regcheck.S). Prints PASS.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long sfi_test_enter(long (*fn)(void));
int sfi_test_regs_intact(void);

static int failures;
#define EXPECT(c)                                                              \
  do {                                                                         \
    if (!(c)) {                                                                \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);                     \
      failures++;                                                              \
    }                                                                          \
  } while (0)

// Opaque inputs, so that no -O level folds the interesting code away.
static volatile long one = 1;

// More integer and double arguments than registers: va_arg walks both the
// register save area and the overflow area.
static double mixed_sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++) {
    s += va_arg(ap, double);
    s += va_arg(ap, long);
  }
  va_end(ap);
  return s;
}

// A va_list made by graalcc code and consumed by libc.
static int format(char *buf, size_t len, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(buf, len, fmt, ap);
  va_end(ap);
  return r;
}

__attribute__((noinline)) static long mt_callee(long a, long b) { return a * 10 + b; }
__attribute__((noinline)) static long mt_caller(long a, long b) {
  __attribute__((musttail)) return mt_callee(b, a);
}

// Called by libc's qsort, i.e. from the C convention.
static int cmp_long(const void *a, const void *b) {
  long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}

struct big { long v[40]; };
__attribute__((noinline)) static void copy_big(struct big *d, const struct big *s) { *d = *s; }

// Fourteen values live across calls: with the C convention the allocator puts
// some of them in %r14/%r15, which sfi_test_regs_intact would notice.
__attribute__((noinline)) static long pressure(const long *p, long n) {
  long a = p[0], b = p[1], c = p[2], d = p[3], e = p[4], f = p[5], g = p[6],
       h = p[7], i = p[8], j = p[9], k = p[10], l = p[11], m = p[12], o = p[13];
  for (long t = 0; t < n; t++) {
    EXPECT(sfi_test_regs_intact());
    a += b * t; b ^= c + t; c -= d; d += e ^ t; e *= f | 1; f += g;
    g ^= h; h += i; i -= j * t; j += k; k ^= l; l += m; m -= o; o += a;
  }
  return a + b + c + d + e + f + g + h + i + j + k + l + m + o;
}

static long sandboxed_main(void) {
  EXPECT(sfi_test_regs_intact());

  EXPECT(mixed_sum(9, 1.5, 1L, 2.5, 2L, 3.5, 3L, 4.5, 4L, 5.5, 5L, 6.5, 6L,
                   7.5, 7L, 8.5, 8L, 9.5 * one, 9L * one) == 45 + 49.5);
  char buf[64];
  format(buf, sizeof buf, "%d-%s-%.1f-%ld", 7, "x", 2.5, 123456789012L * one);
  EXPECT(strcmp(buf, "7-x-2.5-123456789012") == 0);

  EXPECT(mt_caller(3 * one, 4) == 43);
  long (*volatile fp)(long, long) = mt_callee;
  EXPECT(fp(one, 2) == 12);

  long arr[] = {5, -3, 9, 0, 2};
  qsort(arr, 5, sizeof arr[0], cmp_long);
  EXPECT(arr[0] == -3 && arr[4] == 9);
  EXPECT(sfi_test_regs_intact());

  __int128 big = (__int128)one << 100;
  EXPECT(big / (3 * one) == ((__int128)1 << 100) / 3);
  EXPECT((unsigned __int128)big % (7 * one) == ((unsigned __int128)1 << 100) % 7);
  volatile float fl = 1e30f;
  EXPECT((__int128)fl > (__int128)1 << 99);

  struct big s, t;
  for (int i = 0; i < 40; i++)
    s.v[i] = i * one;
  copy_big(&t, &s);
  EXPECT(memcmp(&s, &t, sizeof s) == 0);

  long seed[14];
  for (int i = 0; i < 14; i++)
    seed[i] = (i + 1) * one;
  pressure(seed, 20 * one);

  EXPECT(sfi_test_regs_intact());
  return failures;
}

int main(void) {
  long r = sfi_test_enter(sandboxed_main);
  if (r == 0)
    printf("PASS\n");
  return r != 0;
}
