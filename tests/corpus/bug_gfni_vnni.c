/* corpus-objvariant: gfni -mgfni -mavx2 */
/* corpus-objvariant: vnni -mavxvnni -mavx2 */
/* Regression (driver, R15; fixed by the contract flags -mno-gfni -mno-avxvnni ...): extensions that are not on the R15 allow list but
 * that clang's vectoriser uses on its own once they are enabled, by -m flags or
 * by -march=icelake-client/alderlake/sapphirerapids/arrowlake/...:
 *   -mgfni:    vectorised byte multiplies and shifts become vgf2p8affineqb;
 *   -mavxvnni: vectorised byte dot products become vpdpwssd.
 * sfi-clang compiles them without complaint and sfi-verify rejects the object
 * (R15: "instruction set GFNI / AVX_VNNI is not on the allow list"). The
 * driver could add -mno-gfni -mno-avxvnni (and -mno-avxvnniint8,
 * -mno-avxvnniint16, -mno-avxifma, ...) to its contract flags, as it does for
 * -mno-prfchw and -mno-gather. Object-only variants: this host (AMD Zen)
 * cannot run GFNI/AVX-VNNI code natively. */
#include "corpus.h"

void __attribute__((noinline)) bytes(unsigned char *v, int n)
{
	for (int i = 0; i < n; i++)
		v[i] = (unsigned char)(v[i] * 7 + (v[i] << 3));
}

int __attribute__((noinline)) dot8(const unsigned char *a, const signed char *b, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

int main(void)
{
	static unsigned char v[1024];
	static unsigned char a[1024];
	static signed char b[1024];
	for (int i = 0; i < 1024; i++) {
		v[i] = (unsigned char)(i ^ corpus_seed);
		a[i] = (unsigned char)(i * 3);
		b[i] = (signed char)(corpus_seed % 100 - i % 128);
	}
	bytes(v, 1024);
	hash_t h;
	hinit(&h);
	hbytes(&h, v, sizeof v);
	report("bytes", h.h);
	printf("dot8: %d\n", dot8(a, b, 1024));
	return 0;
}
