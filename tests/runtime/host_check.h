/* CHECK(c) for the embedding hosts of tests/runtime (plugin_host.c, blocking_host.c): on
 * failure prints the line, the condition and libsfi's last error for the sandbox `sb` in scope,
 * and returns 1 from the calling function. */
#ifndef SFI_TEST_HOST_CHECK_H
#define SFI_TEST_HOST_CHECK_H

#include <stdio.h>

#include <sfi/sfi.h>

#define CHECK(c)                                                                            \
	do {                                                                                \
		if (!(c)) {                                                                 \
			fprintf(stderr, "FAIL line %d: %s (%s)\n", __LINE__, #c,            \
			        sfi_last_error(sb));                                        \
			return 1;                                                           \
		}                                                                           \
	} while (0)

#endif
