/* Regression test (runtime/ sysroot builtins; fixed in 6f13607 and 23b75f1):
 * __int128 conversions and shifts that clang lowers to compiler-rt calls
 * (__fixdfti, __floattidf, __fixunsdfti, __floattisf, __fixxfti, __floattixf,
 * and __ashlti3, __lshrti3, __ashrti3 at -Oz), which the sandbox sysroot
 * lacked: linking failed with "undefined symbol". */
#include "corpus.h"

static volatile double d = -3.5e30;
static volatile long double ld = 1.25e25L;
static volatile int k = 77;

int main(void)
{
	__int128 a = (__int128)d;                               /* __fixdfti */
	unsigned __int128 u = (unsigned __int128)-d;            /* __fixunsdfti */
	__int128 x = (__int128)ld;                              /* __fixxfti */
	double b = (double)(a / 3);                             /* __divti3, __floattidf */
	double c = (double)(u >> 1);                            /* __floattidf (u >> 1 fits) */
	float f = (float)a;                                     /* __floattisf */
	long double e = (long double)x;                         /* __floattixf */
	unsigned __int128 s = u << k, r = u >> (k - 10);        /* __ashlti3/__lshrti3 at -Oz */
	__int128 t = a >> (k - 20);                             /* __ashrti3 at -Oz */
	printf("conv: %.6e %.6e %.6e %.6Le\n", b, c, (double)f, e);
	printf("shift: %016llx %016llx %016llx\n", (unsigned long long)(s >> 64),
	       (unsigned long long)r, (unsigned long long)t);
	return 0;
}
