#include <stdarg.h>
#include <string.h>
__thread int tls_x;
extern void ext(int);
int sw(int x) {
  switch (x) { case 0: return 11; case 1: ext(3); return 22; case 2: return 33; case 3: return 44; case 4: return 55; case 5: ext(5); return 66; default: return 0; }
}
int cgoto(int i) {
  static void *tab[] = {&&a, &&b, &&c};
  goto *tab[i];
a: return 1;
b: return 2;
c: return 3;
}
unsigned char div7(unsigned char x) { return x / 7; }
char divs(char a, char b, char *r) { *r = a % b; return a / b; }
int tls(void) { return tls_x++; }
int vla(int n) { char buf[n]; memset(buf, 1, n); ext(buf[n/2]); return buf[0]; }
int sum(int n, ...) { va_list ap; va_start(ap, n); int s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }
void cpy(char *d, const char *s, unsigned long n) { memcpy(d, s, n); }
int fp(int (*f)(int), int x) { return f(x) + 1; }
int prot(const char *s) { char b[64]; strcpy(b, s); return b[3]; }
long double ld(long double a, long double b) { return a * b; }
