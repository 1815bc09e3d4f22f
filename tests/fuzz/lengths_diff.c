/* lengths-diff: compares two --lengths dumps (tests/capcheck/README.md), one from
 * sfi-capcheck (Capstone), one from sfi-zylengths (Zydis), line by line.
 *
 *   lengths-diff CAPSTONE.lst ZYDIS.lst
 *
 * The only normalisation is Capstone's pseudo-register riz/eiz as an index: it is what
 * Capstone calls the "no index" encoding of a SIB byte (index field 100), which Zydis
 * reports as no index, so "riz N" becomes "- 0". Register spellings are otherwise mapped
 * on the Zydis side (zyview.c). Comment lines must match exactly (same file, same region).
 * Exit status: 0 same, 1 different (first differences on stdout), 2 unreadable input. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>


/* Same test as agree_is_pseudo_index() (agree.c); kept here so this tool needs no Capstone. */
static bool pseudo_index(const char *name)
{
    return strcmp(name, "riz") == 0 || strcmp(name, "eiz") == 0;
}

/* Rewrites "0xOFF LEN BASE riz S" to "0xOFF LEN BASE - 0" in place. */
static void normalise(char *line, size_t cap)
{
    char off[32], base[32], index[32];
    unsigned len, scale;
    if (line[0] == '#' ||
        sscanf(line, "%31s %u %31s %31s %u", off, &len, base, index, &scale) != 5)
        return;
    if (pseudo_index(index))
        snprintf(line, cap, "%s %u %s - 0\n", off, len, base);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: lengths-diff CAPSTONE.lst ZYDIS.lst\n", stderr);
        return 2;
    }
    FILE *a = fopen(argv[1], "r"), *b = fopen(argv[2], "r");
    if (!a || !b) {
        perror(!a ? argv[1] : argv[2]);
        return 2;
    }
    char la[512], lb[512], region[512] = "";
    long lines = 0, diffs = 0;
    for (;;) {
        char *ra = fgets(la, sizeof la, a), *rb = fgets(lb, sizeof lb, b);
        if (!ra && !rb)
            break;
        lines++;
        if (!ra || !rb) {
            printf("%s ends first, at line %ld\n", !ra ? "the Capstone dump" : "the Zydis dump",
                   lines);
            diffs++;
            break;
        }
        normalise(la, sizeof la);
        if (la[0] == '#')
            snprintf(region, sizeof region, "%s", la + 2);
        if (strcmp(la, lb) != 0 && ++diffs <= 20)
            printf("line %ld in %.*s\n  capstone: %s  zydis:    %s", lines,
                   (int)strcspn(region, "\n"), region, la, lb);
        /* After a length disagreement the streams may resynchronise or not; either way
         * the first lines are the interesting ones. */
    }
    if (diffs)
        printf("%ld differing lines of %ld\n", diffs, lines);
    else
        printf("%ld lines agree\n", lines);
    return diffs ? 1 : 0;
}
