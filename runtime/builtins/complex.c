/* Complex multiplication and division (C11 Annex G), which clang calls for
 * `_Complex` * and / unless -ffast-math. Sandbox builds cannot use the host's
 * libclang_rt.builtins (see int128.c), so sfi provides them.
 * One template per type: float (sc), double (dc), long double (xc). The
 * recovery of infinities from NaN results follows Annex G.5.1. */
#include <math.h>

#define DEFINE_MUL(name, T, CT, FABS, COPYSIGN, ISINF, ISNAN)                          \
	CT name(T a, T b, T c, T d);                                                   \
	CT name(T a, T b, T c, T d)                                                    \
	{                                                                              \
		T ac = a * c, bd = b * d, ad = a * d, bc = b * c;                       \
		T x = ac - bd, y = ad + bc;                                             \
		if (ISNAN(x) && ISNAN(y)) {                                             \
			int recalc = 0;                                                 \
			if (ISINF(a) || ISINF(b)) { /* (a+ib) is infinite */            \
				a = COPYSIGN(ISINF(a) ? 1 : 0, a);                      \
				b = COPYSIGN(ISINF(b) ? 1 : 0, b);                      \
				if (ISNAN(c)) c = COPYSIGN(0, c);                       \
				if (ISNAN(d)) d = COPYSIGN(0, d);                       \
				recalc = 1;                                             \
			}                                                               \
			if (ISINF(c) || ISINF(d)) { /* (c+id) is infinite */            \
				c = COPYSIGN(ISINF(c) ? 1 : 0, c);                      \
				d = COPYSIGN(ISINF(d) ? 1 : 0, d);                      \
				if (ISNAN(a)) a = COPYSIGN(0, a);                       \
				if (ISNAN(b)) b = COPYSIGN(0, b);                       \
				recalc = 1;                                             \
			}                                                               \
			if (!recalc && (ISINF(ac) || ISINF(bd) || ISINF(ad) || ISINF(bc))) { \
				if (ISNAN(a)) a = COPYSIGN(0, a);                       \
				if (ISNAN(b)) b = COPYSIGN(0, b);                       \
				if (ISNAN(c)) c = COPYSIGN(0, c);                       \
				if (ISNAN(d)) d = COPYSIGN(0, d);                       \
				recalc = 1;                                             \
			}                                                               \
			if (recalc) {                                                   \
				x = INFINITY * (a * c - b * d);                         \
				y = INFINITY * (a * d + b * c);                         \
			}                                                               \
		}                                                                       \
		CT z;                                                                   \
		__real__ z = x;                                                         \
		__imag__ z = y;                                                         \
		return z;                                                               \
	}

/* Smith-style scaling by a power of two (logb/scalbn) avoids overflow and
 * keeps precision, as Annex G's example implementation does. */
#define DEFINE_DIV(name, T, CT, FABS, COPYSIGN, ISINF, ISNAN, ISFINITE, LOGB, SCALBN, FMAX) \
	CT name(T a, T b, T c, T d);                                                   \
	CT name(T a, T b, T c, T d)                                                    \
	{                                                                              \
		int ilogbw = 0;                                                         \
		T logbw = LOGB(FMAX(FABS(c), FABS(d)));                                 \
		if (ISFINITE(logbw)) {                                                  \
			ilogbw = (int)logbw;                                            \
			c = SCALBN(c, -ilogbw);                                         \
			d = SCALBN(d, -ilogbw);                                         \
		}                                                                       \
		T denom = c * c + d * d;                                                \
		T x = SCALBN((a * c + b * d) / denom, -ilogbw);                         \
		T y = SCALBN((b * c - a * d) / denom, -ilogbw);                         \
		if (ISNAN(x) && ISNAN(y)) {                                             \
			if (denom == 0 && (!ISNAN(a) || !ISNAN(b))) {                   \
				x = COPYSIGN(INFINITY, c) * a;                          \
				y = COPYSIGN(INFINITY, c) * b;                          \
			} else if ((ISINF(a) || ISINF(b)) && ISFINITE(c) && ISFINITE(d)) { \
				a = COPYSIGN(ISINF(a) ? 1 : 0, a);                      \
				b = COPYSIGN(ISINF(b) ? 1 : 0, b);                      \
				x = INFINITY * (a * c + b * d);                         \
				y = INFINITY * (b * c - a * d);                         \
			} else if (ISINF(logbw) && logbw > 0 && ISFINITE(a) && ISFINITE(b)) { \
				c = COPYSIGN(ISINF(c) ? 1 : 0, c);                      \
				d = COPYSIGN(ISINF(d) ? 1 : 0, d);                      \
				x = 0 * (a * c + b * d);                                \
				y = 0 * (b * c - a * d);                                \
			}                                                               \
		}                                                                       \
		CT z;                                                                   \
		__real__ z = x;                                                         \
		__imag__ z = y;                                                         \
		return z;                                                               \
	}

DEFINE_MUL(__mulsc3, float, float _Complex, fabsf, copysignf, isinf, isnan)
DEFINE_MUL(__muldc3, double, double _Complex, fabs, copysign, isinf, isnan)
DEFINE_MUL(__mulxc3, long double, long double _Complex, fabsl, copysignl, isinf, isnan)
DEFINE_DIV(__divsc3, float, float _Complex, fabsf, copysignf, isinf, isnan, isfinite, logbf,
           scalbnf, fmaxf)
DEFINE_DIV(__divdc3, double, double _Complex, fabs, copysign, isinf, isnan, isfinite, logb,
           scalbn, fmax)
DEFINE_DIV(__divxc3, long double, long double _Complex, fabsl, copysignl, isinf, isnan, isfinite,
           logbl, scalbnl, fmaxl)
