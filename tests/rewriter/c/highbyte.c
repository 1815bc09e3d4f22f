void qr(unsigned char a, unsigned char b, unsigned char *q, unsigned char *r) { *q = a / b; *r = a % b; }
void sqr(signed char a, signed char b, signed char *q, signed char *r) { *q = a / b; *r = a % b; }
unsigned char m2(unsigned char *p, unsigned char b) { return p[0] % b + p[1] / b; }
struct S { unsigned char x[100]; } ;
void st(struct S *s, int i, unsigned v) { s->x[i] = v >> 8; }
