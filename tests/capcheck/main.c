/* sfi-capcheck: command line. See README.md.
 *
 *   sfi-capcheck [--lengths OUT.lst|-] [--quiet] ELF...
 *
 * Exit status: 0 no problem, 1 at least one problem, 2 usage or unreadable input. */
#include "capcheck.h"

#include <stdio.h>
#include <string.h>

static int usage(void)
{
    fputs("usage: sfi-capcheck [--lengths OUT.lst|-] [--quiet] ELF...\n"
          "  Checks the executable code of ELF objects/modules with Capstone, independently of\n"
          "  sfi-verify. Prints one line per problem: FILE:section+0xOFF: problem: disasm\n"
          "  --lengths F  also write one line per instruction to F ('-' = stdout):\n"
          "               0x<offset> <length> <base|-> <index|-> <scale>\n"
          "  --quiet      print nothing, only set the exit status\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    capcheck_out out = {.report = stdout, .lengths = NULL};
    const char *lengths = NULL;
    int first = 1;
    for (; first < argc && argv[first][0] == '-' && argv[first][1] == '-'; first++) {
        if (strcmp(argv[first], "--lengths") == 0 && first + 1 < argc)
            lengths = argv[++first];
        else if (strcmp(argv[first], "--quiet") == 0)
            out.report = NULL;
        else
            return usage();
    }
    if (first >= argc)
        return usage();
    if (lengths) {
        out.lengths = strcmp(lengths, "-") == 0 ? stdout : fopen(lengths, "w");
        if (!out.lengths) {
            perror(lengths);
            return 2;
        }
    }

    int status = 0;
    for (int k = first; k < argc; k++) {
        long n = capcheck_check_file(argv[k], &out);
        if (n < 0)
            status = 2;
        else if (n > 0 && status == 0)
            status = 1;
    }
    if (out.lengths && out.lengths != stdout && fclose(out.lengths) != 0) {
        perror(lengths);
        status = 2;
    }
    return status;
}
