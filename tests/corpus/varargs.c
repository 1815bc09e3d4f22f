/* Varargs: va_arg of ints, doubles and structs, va_list passed down to another
 * function, va_copy, and vsnprintf. Stresses the register save area (%al count,
 * movaps of xmm0-7 into the frame) and overflow-area walking. */
#include <stdarg.h>
#include <string.h>
#include "corpus.h"

struct pair { long a; double b; };

static long __attribute__((noinline)) vsum(int n, va_list ap)
{
	long s = 0;
	for (int i = 0; i < n; i++)
		s = s * 31 + va_arg(ap, long);
	return s;
}

static long __attribute__((noinline)) sum(int n, ...)
{
	va_list ap;
	va_start(ap, n);
	long s = vsum(n, ap);
	va_end(ap);
	return s;
}

/* Types given by a format string: i = int, d = double, p = struct pair, l = long long. */
static double __attribute__((noinline)) mixed(const char *fmt, ...)
{
	va_list ap, again;
	double s = 0;
	va_start(ap, fmt);
	va_copy(again, ap);
	for (const char *f = fmt; *f; f++) {
		switch (*f) {
		case 'i': s += va_arg(ap, int); break;
		case 'd': s = s * 1.5 + va_arg(ap, double); break;
		case 'l': s -= (double)va_arg(ap, long long); break;
		case 'p': { struct pair p = va_arg(ap, struct pair); s += (double)p.a * p.b; break; }
		}
	}
	/* Walk it again through the copy: the result must be the same. */
	double t = 0;
	for (const char *f = fmt; *f; f++) {
		switch (*f) {
		case 'i': t += va_arg(again, int); break;
		case 'd': t = t * 1.5 + va_arg(again, double); break;
		case 'l': t -= (double)va_arg(again, long long); break;
		case 'p': { struct pair p = va_arg(again, struct pair); t += (double)p.a * p.b; break; }
		}
	}
	va_end(again);
	va_end(ap);
	return s == t ? s : -1.0;
}

static int __attribute__((noinline)) format(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int main(void)
{
	long b = corpus_seed;
	printf("sum: %ld %ld %ld\n", sum(0), sum(3, b, 2L, 3L),
	       sum(12, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, b));
	struct pair p = { 3, 0.25 }, q = { -5, 8.5 };
	printf("mixed: %.6f\n", mixed("iddidlpdddddddddip", 1, 2.0, 3.5, 4, 5.25, 6LL, p, 7.0,
	                              8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, (int)b, q));
	char buf[128];
	int r = format(buf, sizeof buf, "%d|%5s|%-4x|%08.3f|%c|%lld", -42, "ab", 255, 3.14159,
	               'z', 1234567890123LL);
	printf("format: %d [%s]\n", r, buf);
	r = format(buf, 8, "%s", "truncated string");
	printf("trunc: %d [%s] %zu\n", r, buf, strlen(buf));
	return 0;
}
