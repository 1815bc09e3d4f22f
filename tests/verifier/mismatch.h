/* How the enumeration tests (test_table_decode.c, test_quick_path.c) report a mismatch:
 * the instruction's bytes and why, for the first `limit` of them; then the checking
 * function returns. `failures` is the test's counter. */
#ifndef SFI_TESTS_VERIFIER_MISMATCH_H
#define SFI_TESTS_VERIFIER_MISMATCH_H

#include <stdio.h>

#define MISMATCH(limit, bytes, nbytes, ...)                                                \
    do {                                                                                   \
        if (failures++ < (limit)) {                                                        \
            fprintf(stderr, "MISMATCH ");                                                  \
            for (unsigned k_ = 0; k_ < (nbytes); k_++)                                     \
                fprintf(stderr, "%02x ", (bytes)[k_]);                                     \
            fprintf(stderr, ": " __VA_ARGS__);                                             \
            fprintf(stderr, "\n");                                                         \
        }                                                                                  \
        return;                                                                            \
    } while (0)

#endif
