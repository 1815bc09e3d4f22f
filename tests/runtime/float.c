/* printf and strtod of floating point (musl's exact conversions), libm, long double
 * (x87 code in musl's .s files), 128-bit integers and complex arithmetic (runtime builtins). */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("%f %.3f %e %g %g\n", 3.14159265358979, 2.0 / 3, 6.02214076e23, 1e-5, 100000.0);
	printf("%.17g %a\n", 0.1, 1.0);
	double d = strtod("1.7976931348623157e308", NULL);
	printf("%.17g %g %g\n", d, strtod("0x1p-1074", NULL), strtod("inf", NULL));
	printf("%.10f %.10f %.10f\n", sqrt(2.0), exp(1.0), log(10.0));
	printf("%.10f %.10f\n", sin(1.0), atan2(1.0, 1.0) * 4);
	long double ld = 1.0L / 3;
	printf("%.18Lf %.15Lf\n", ld, expl(1.0L));
	printf("%.6f\n", (double)(strtof("2.5", NULL) * strtold("4", NULL)));
	unsigned __int128 big = (unsigned __int128)0xfedcba9876543210ull * 0x123456789ull;
	unsigned __int128 q = big / 0x1000000007ull, r = big % 0x1000000007ull;
	printf("%llx %llx %llx\n", (unsigned long long)(q >> 64), (unsigned long long)q,
	       (unsigned long long)r);
	__int128 neg = -(__int128)big;
	printf("%lld %lld\n", (long long)(neg / (__int128)1000000007), (long long)(neg % 1000));
	volatile double dv = 1e30;
	volatile __int128 iv = -((__int128)1 << 100) - 12345;
	__int128 fi = (__int128)dv;
	printf("%.17g %.9g %llx %llx\n", (double)iv, (double)(float)iv,
	       (unsigned long long)(fi >> 64), (unsigned long long)fi);
	printf("%.17g\n", (double)((unsigned __int128)(-(__int128)1) >> 1 | 1));
	volatile double a = 1, b = 2, c = 3, e = 4;
	double complex z = (a + b * I) * (c + e * I), w = (a + b * I) / (c + e * I);
	printf("%g%+gi %g%+gi\n", creal(z), cimag(z), creal(w), cimag(w));
	return 0;
}
