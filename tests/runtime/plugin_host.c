/* Embedding test: loads the plugin module with libsfi + libsfi_posix, checks that __sfi_init
 * initialised libc (constructors ran), then calls exports that use stdio, malloc, TLS and a
 * host callback; then loads it again without any system-call layer. Prints what it saw. */
#include <stdio.h>
#include <string.h>

#include <sfi/posix.h>

#include "host_check.h"

static uint64_t host_add(sfi_sandbox *sb, sfi_callback_args *a, void *user)
{
	(void)sb, (void)user;
	return (uint64_t)(int)(a->i[0] + a->i[1]);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	sfi_sandbox *sb = NULL;
	CHECK(sfi_sandbox_create(NULL, &sb) == SFI_OK);
	sfi_posix *px = sfi_posix_create(sb);
	CHECK(px);
	CHECK(sfi_register_callback(sb, "host_add", host_add, NULL) == SFI_OK);
	CHECK(sfi_sandbox_load_file(sb, argv[1]) == SFI_OK);

	uint64_t r = 0;
	CHECK(sfi_call_u64(sb, "plugin_constructed", 0, NULL, &r) == SFI_OK);
	printf("constructed %d\n", (int)r);
	for (int i = 0; i < 2; i++) {
		uint64_t arg = 41 + (uint64_t)i, s = 0;
		CHECK(sfi_call_u64(sb, "plugin_format", 1, &arg, &s) == SFI_OK && s);
		char buf[64] = { 0 };
		CHECK(sfi_copy_out(sb, buf, s, sizeof buf - 1) == SFI_OK);
		printf("%s\n", buf);
		CHECK(sfi_free(sb, s) == SFI_OK);
	}
	fflush(stdout);
	CHECK(sfi_call_u64(sb, "plugin_print", 0, NULL, &r) == SFI_OK && r == 0);
	sfi_posix_destroy(px);
	sfi_sandbox_destroy(sb);

	/* Without any system-call layer (libsfi's default handler): __sfi_init must still
	 * initialise libc (TLS needs no syscall) and run the constructors. */
	sb = NULL;
	CHECK(sfi_sandbox_create(NULL, &sb) == SFI_OK);
	CHECK(sfi_register_callback(sb, "host_add", host_add, NULL) == SFI_OK);
	CHECK(sfi_sandbox_load_file(sb, argv[1]) == SFI_OK);
	CHECK(sfi_call_u64(sb, "plugin_constructed", 0, NULL, &r) == SFI_OK);
	printf("bare: constructed %d\n", (int)r);
	sfi_sandbox_destroy(sb);
	return 0;
}
