/* corpus-libs: -lm */
/* Floating-point environment: fesetround changes MXCSR (ldmxcsr/stmxcsr with
 * masked memory operands) and the x87 control word (fldcw/fnstcw); exception
 * flags (fetestexcept reads fnstsw/stmxcsr). Conversions and arithmetic under
 * each rounding mode, flush-to-zero set by hand as hmmer does, and printf of
 * doubles (correctly rounded in both libcs). */
#include <fenv.h>
#include <float.h>
#include <string.h>
#include "corpus.h"

#pragma STDC FENV_ACCESS ON

static volatile double vx = 2.5, vy = -3.5, third = 1.0 / 3.0, tiny = 1e-310;
static volatile long double lx = 2.5L;

static long __attribute__((noinline)) round_all(double x)
{
	return __builtin_lrint(x); /* cvtsd2si: uses the MXCSR rounding mode */
}
static long double __attribute__((noinline)) ld_div(long double a, long double b) { return a / b; }

static unsigned __attribute__((noinline)) get_mxcsr(void)
{
	unsigned m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}
static void __attribute__((noinline)) set_mxcsr(unsigned m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }

int main(void)
{
	static const int modes[] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO };
	static const char *names[] = { "nearest", "down", "up", "zero" };
	/* Compute under each mode, print afterwards: printf itself may follow the
	 * rounding mode, and glibc and musl need not agree on how. */
	int ok[4];
	long r[4][3];
	uint64_t qb[4], lqm[4];
	for (int i = 0; i < 4; i++) {
		fesetround(modes[i]);
		ok[i] = fegetround() == modes[i];
		double q = 1.0 / third;
		long double lq = ld_div(1.0L, (long double)third);
		r[i][0] = round_all(vx);
		r[i][1] = round_all(vy);
		r[i][2] = round_all(-vx);
		memcpy(&qb[i], &q, 8);
		memcpy(&lqm[i], &lq, 8); /* the x87 mantissa */
	}
	fesetround(FE_TONEAREST);
	for (int i = 0; i < 4; i++)
		printf("%s: %d %ld %ld %ld %016llx %016llx\n", names[i], ok[i], r[i][0], r[i][1], r[i][2],
		       (unsigned long long)qb[i], (unsigned long long)lqm[i]);
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
	volatile double z = vx / 0.0;
	volatile double inexact = vx / 3.0;
	printf("except: %d %d %d %g\n", fetestexcept(FE_DIVBYZERO) != 0, fetestexcept(FE_INEXACT) != 0,
	       fetestexcept(FE_INVALID) != 0, (double)(z > 0) + inexact * 0);
	feclearexcept(FE_ALL_EXCEPT);
	/* flush-to-zero and denormals-are-zero by hand */
	unsigned m = get_mxcsr();
	double before = tiny * 1.0;
	set_mxcsr(m | 0x8040);
	double after = tiny * 1.0;
	set_mxcsr(m);
	printf("ftz: %g %g %d\n", before, after, get_mxcsr() == m);
	printf("printf: %.17g %.17g %.3e %g %g\n", 0.1, third * 3, DBL_MAX, DBL_MIN, -0.0);
	printf("ld: %.20Lg\n", ld_div(lx, 7.0L));
	return 0;
}
