/* Starting a program (docs/runtime.md, "Start-up"): the initial stack block the kernel would
 * have built, copied into the sandbox, and a call of the crt export __sfi_start with it. */
#include "internal.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#define NAUX 18

sfi_status sfi_posix_run_main(sfi_posix *px, int argc, char *const argv[], char *const envp[],
                              int *exit_code)
{
	if (!px || argc < 0 || !exit_code)
		return SFI_ERR_ARG;
	sfi_func start;
	sfi_status st = sfi_lookup(px->sb, "__sfi_start", &start);
	if (st)
		return st;
	sfi_layout l;
	if ((st = sfi_sandbox_layout(px->sb, &l)))
		return st;
	Elf64_Ehdr eh;
	if ((st = sfi_copy_out(px->sb, &eh, l.image_start, sizeof eh)))
		return st;

	size_t envc = 0;
	while (envp && envp[envc])
		envc++;
	/* Words: argc, argv, NULL, envp, NULL, auxv pairs. Then 16 random bytes, then strings. */
	size_t nwords = 1 + (size_t)argc + 1 + envc + 1 + 2 * NAUX;
	size_t strbytes = 16;
	for (int i = 0; i < argc; i++)
		strbytes += strlen(argv[i]) + 1;
	for (size_t i = 0; i < envc; i++)
		strbytes += strlen(envp[i]) + 1;
	size_t size = nwords * 8 + strbytes;
	int64_t base = px_mem_alloc(px, size);
	if (base < 0)
		return SFI_ERR_NOMEM;
	unsigned char *blk = calloc(1, size);
	if (!blk)
		return SFI_ERR_NOMEM;
	uint64_t *w = (uint64_t *)blk;
	uint64_t rnd = (uint64_t)base + nwords * 8, s = rnd + 16;
	char *sp = (char *)blk + nwords * 8 + 16;
	if (getentropy(blk + nwords * 8, 16))
		memset(blk + nwords * 8, 0x5a, 16); /* only the stack-protector seed */
	size_t k = 0;
	w[k++] = (uint64_t)argc;
	uint64_t argv0 = 0;
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		if (i == 0)
			argv0 = s;
		w[k++] = s;
		memcpy(sp, argv[i], n);
		sp += n, s += n;
	}
	w[k++] = 0;
	for (size_t i = 0; i < envc; i++) {
		size_t n = strlen(envp[i]) + 1;
		w[k++] = s;
		memcpy(sp, envp[i], n);
		sp += n, s += n;
	}
	w[k++] = 0;
	const uint64_t aux[NAUX][2] = {
		{ AT_PHDR, l.image_start + eh.e_phoff },
		{ AT_PHENT, eh.e_phentsize },
		{ AT_PHNUM, eh.e_phnum },
		{ AT_PAGESZ, 4096 },
		{ AT_BASE, 0 },
		{ AT_FLAGS, 0 },
		{ AT_ENTRY, eh.e_entry ? l.image_start + eh.e_entry : 0 },
		/* All four ids and AT_SECURE 0, else musl treats the program as set-uid. */
		{ AT_UID, getuid() },
		{ AT_EUID, getuid() },
		{ AT_GID, getgid() },
		{ AT_EGID, getgid() },
		{ AT_SECURE, 0 },
		{ AT_CLKTCK, 100 },
		/* CPU features are the host's: the code runs on this CPU (R15 limits them). */
		{ AT_HWCAP, getauxval(AT_HWCAP) },
		{ AT_HWCAP2, getauxval(AT_HWCAP2) },
		{ AT_RANDOM, rnd },
		{ AT_EXECFN, argv0 },
		{ AT_NULL, 0 }, /* no AT_SYSINFO_EHDR: there is no vDSO in the sandbox */
	};
	for (size_t i = 0; i < NAUX; i++) {
		w[k++] = aux[i][0];
		w[k++] = aux[i][1];
	}
	st = sfi_copy_in(px->sb, (uint64_t)base, blk, size);
	free(blk);
	if (st)
		return st;

	sfi_value arg = sfi_ptr((uint64_t)base), ret = { .type = SFI_TYPE_I32 };
	st = sfi_call(px->sb, start, &arg, 1, &ret);
	if (st == SFI_OK) {
		*exit_code = ret.v.i32 & 0xff; /* __libc_start_main returned (it normally exits) */
	} else if (st == SFI_ERR_EXITED) {
		int code = 0;
		sfi_exit_code(px->sb, &code);
		*exit_code = code;
	}
	return st;
}
