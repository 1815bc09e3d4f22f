/* qsort, bsearch and string functions (musl's .s memcpy/memset via struct copies). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmps(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	enum { N = 100000 };
	static int v[N];
	unsigned s = 1;
	for (int i = 0; i < N; i++)
		v[i] = (int)((s = s * 1664525u + 1013904223u) >> 8) % 1000000;
	qsort(v, N, sizeof *v, cmp);
	for (int i = 1; i < N; i++)
		if (v[i - 1] > v[i]) {
			puts("not sorted");
			return 1;
		}
	int key = v[N / 2];
	int *hit = bsearch(&key, v, N, sizeof *v, cmp);
	printf("sorted, min %d max %d found %d\n", v[0], v[N - 1], hit && *hit == key);
	const char *w[] = { "pear", "apple", "fig", "banana", "cherry" };
	qsort(w, 5, sizeof *w, cmps);
	for (int i = 0; i < 5; i++)
		printf("%s%s", w[i], i < 4 ? " " : "\n");
	char buf[100];
	memset(buf, 'x', sizeof buf);
	memcpy(buf, "hello", 6);
	memmove(buf + 1, buf, 6);
	printf("%s %zu\n", buf + 1, strlen(buf));
	return 0;
}
