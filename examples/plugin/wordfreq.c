/* An untrusted plugin: it parses text the host hands it and reports the most frequent words
 * through host callbacks. Built with `sfi-clang -O2 -shared`, it runs inside a sandbox: a bug
 * here (or a malicious input exploiting one) cannot touch the host's memory. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Imports: undefined functions become calls through gates to host callbacks (R21). */
void host_emit(const char *word, int count);
void host_log(const char *message);

struct entry {
    char *word;
    int count;
};

static struct entry *table;
static size_t table_size, table_used;

static size_t hash(const char *s, size_t n)
{
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static int grow(void)
{
    size_t new_size = table_size ? table_size * 2 : 256;
    struct entry *t = calloc(new_size, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < table_size; i++) {
        if (!table[i].word)
            continue;
        size_t j = hash(table[i].word, strlen(table[i].word)) & (new_size - 1);
        while (t[j].word)
            j = (j + 1) & (new_size - 1);
        t[j] = table[i];
    }
    free(table);
    table = t;
    table_size = new_size;
    return 0;
}

static int add_word(const char *s, size_t n)
{
    if (2 * (table_used + 1) > table_size && grow() < 0)
        return -1;
    size_t j = hash(s, n) & (table_size - 1);
    for (; table[j].word; j = (j + 1) & (table_size - 1)) {
        if (strncmp(table[j].word, s, n) == 0 && table[j].word[n] == 0) {
            table[j].count++;
            return 0;
        }
    }
    char *w = malloc(n + 1);
    if (!w)
        return -1;
    memcpy(w, s, n);
    w[n] = 0;
    table[j] = (struct entry){w, 1};
    table_used++;
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (x->count != y->count)
        return y->count - x->count;
    return strcmp(x->word, y->word);
}

static void reset(void)
{
    for (size_t i = 0; i < table_size; i++)
        free(table[i].word);
    free(table);
    table = NULL;
    table_size = table_used = 0;
}

/* Export: counts the words of text[0..len) (letters and digits, case-folded) and emits the
 * `top` most frequent ones. Returns the number of distinct words, or -1 if out of memory. */
int wordfreq(const char *text, size_t len, int top)
{
    char word[64];
    size_t n = 0;
    int failed = 0;

    for (size_t i = 0; i <= len && !failed; i++) {
        int c = i < len ? (unsigned char)text[i] : ' ';
        if (isalnum(c)) {
            if (n < sizeof word)
                word[n++] = (char)tolower(c);
        } else if (n) {
            failed = add_word(word, n) < 0;
            n = 0;
        }
    }
    if (failed) {
        host_log("out of memory");
        reset();
        return -1;
    }

    struct entry *sorted = malloc((table_used ? table_used : 1) * sizeof *sorted);
    if (!sorted) {
        reset();
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < table_size; i++)
        if (table[i].word)
            sorted[k++] = table[i];
    qsort(sorted, k, sizeof *sorted, by_count);
    for (size_t i = 0; i < k && (int)i < top; i++)
        host_emit(sorted[i].word, sorted[i].count);
    free(sorted);

    int distinct = (int)table_used;
    reset();
    return distinct;
}

/* Export: writes value at an address of the caller's choosing — the kind of wild write a
 * memory-safety bug gives an attacker. The sandbox confines it to the plugin's own slot. */
int poke(unsigned long address, int value)
{
    *(volatile int *)address = value;
    return 0;
}
