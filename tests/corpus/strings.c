/* corpus-objvariant: tsr -Wa,--thread-safe-returns */
/* corpus-objvariant: storesonly -Wa,--stores-only */
/* corpus-variant: g -g -fno-omit-frame-pointer */
/* String builtins: clang expands small constant-size memcpy/memset/memcmp/
 * strlen inline and calls libc for the rest; both must work. Also libc
 * routines that call back into the module (qsort, bsearch). */
#include <stdlib.h>
#include <string.h>
#include "corpus.h"

static const char *words[] = { "pear", "apple", "fig", "banana", "kiwi", "cherry", "date",
                               "grape", "lemon", "mango", "olive", "quince", "lime", "plum" };
#define NW (int)(sizeof words / sizeof *words)

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}
static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static size_t __attribute__((noinline)) my_strlen(const char *s) { return __builtin_strlen(s); }

int main(void)
{
	char buf[256];
	buf[0] = 0;
	for (int i = 0; i < NW; i++) {
		strcat(buf, words[i]);
		strcat(buf, i + 1 < NW ? "," : "");
	}
	printf("cat: %s (%zu)\n", buf, my_strlen(buf));
	printf("chr: %s | rchr: %s | str: %s\n", strchr(buf, 'k'), strrchr(buf, ','), strstr(buf, "che"));
	printf("spn: %zu cspn: %zu\n", strspn(buf, "aeiloprs"), strcspn(buf, ",:"));
	char copy[256];
	strcpy(copy, buf);
	copy[10] = 'X';
	printf("cmp: %d %d %d\n", strcmp(buf, copy) < 0, strncmp(buf, copy, 10),
	       memcmp(buf, copy, 11) < 0);
	const char *sorted[NW];
	memcpy(sorted, words, sizeof sorted);
	qsort(sorted, NW, sizeof *sorted, cmp_str);
	for (int i = 0; i < NW; i++)
		printf("%s%s", sorted[i], i + 1 < NW ? " " : "\n");
	int nums[200];
	uint64_t r = (uint64_t)corpus_seed;
	for (int i = 0; i < 200; i++)
		nums[i] = (int)(rng_next(&r) % 10000);
	qsort(nums, 200, sizeof *nums, cmp_int);
	int key = nums[123];
	int *found = bsearch(&key, nums, 200, sizeof *nums, cmp_int);
	printf("sort: %d %d %d found=%d\n", nums[0], nums[100], nums[199], found && *found == key);
	char *m = memchr(buf, 'z', strlen(buf));
	printf("memchr: %s\n", m ? m : "(none)");
	char small[16];
	memset(small, '-', sizeof small - 1);
	small[15] = 0;
	memcpy(small + 3, "abc", 3);
	printf("small: %s\n", small);
	char num[32];
	snprintf(num, sizeof num, "%d", corpus_seed * 7);
	printf("atoi: %d strtol: %ld strtoul: %lu\n", atoi(num), strtol("-0x7fff", 0, 16),
	       strtoul("123456789", 0, 10));
	char *dup = malloc(strlen(buf) + 1);
	strcpy(dup, buf);
	for (char *p = dup; *p; p++)
		if (*p == ',')
			*p = ';';
	printf("dup: %.30s\n", dup);
	free(dup);
	return 0;
}
