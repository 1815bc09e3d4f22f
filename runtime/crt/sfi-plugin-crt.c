/* sfi plugin start-up (docs/runtime.md, "Start-up"): the start file that
 * sfi-clang -shared links (driver/link.c).
 *
 * A plugin has no main. The loader calls its export __sfi_init once after
 * mapping (R21). We initialise musl as __libc_start_main would, minus main:
 * __init_libc (auxv, TLS, stack protector) and __libc_start_init
 * (constructors). Both are hidden in libc.a but linkable from a static link.
 * There is no host-built initial stack, so the environment is empty and the
 * auxiliary vector is built here from the module's own ELF header. */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>

void __init_libc(char **envp, char *pn);
void __libc_start_init(void);

/* libsfi's sfi_malloc/sfi_free call the module's exported malloc and free, so every plugin
 * links them, even if its own code never calls free. */
__attribute__((used)) static void *const keep_for_host[] = { (void *)malloc, (void *)free };

/* The linker defines this at the module's virtual address 0 (R20: the first
 * PT_LOAD maps the file header). */
extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));

__attribute__((visibility("default"))) void __sfi_init(void);

/* envp (empty: just its NULL), then auxv pairs. One array, because musl finds
 * auxv right after envp's terminating NULL. */
static size_t start_block[1 + 2 * 12];
static unsigned char random_bytes[16]; /* AT_RANDOM: the stack-protector seed */
static char progname[] = "sfi-plugin";

/* getrandom(2) before libc exists: musl's wrapper may touch the thread
 * pointer, which is not set yet. sfi-as turns `syscall` into gate 1 (R18). */
static long raw_getrandom(void *buf, size_t len)
{
	long ret;
	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(318L), "D"(buf), "S"(len), "d"(0L)
	                 : "rcx", "r11", "memory");
	return ret;
}

void __sfi_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;

	raw_getrandom(random_bytes, sizeof random_bytes); /* zeros if denied */

	const unsigned char *image = (const unsigned char *)&__ehdr_start;
	size_t aux[][2] = {
		{ AT_PHDR, (size_t)(image + __ehdr_start.e_phoff) },
		{ AT_PHENT, __ehdr_start.e_phentsize },
		{ AT_PHNUM, __ehdr_start.e_phnum },
		{ AT_PAGESZ, 4096 },
		{ AT_BASE, 0 },
		{ AT_RANDOM, (size_t)random_bytes },
		/* All four ids, equal, and AT_SECURE 0: otherwise musl treats the
		 * module as set-uid and polls/reopens fds 0-2. */
		{ AT_UID, 0 },
		{ AT_EUID, 0 },
		{ AT_GID, 0 },
		{ AT_EGID, 0 },
		{ AT_SECURE, 0 },
		{ AT_NULL, 0 },
	};
	size_t *p = start_block + 1;
	for (size_t i = 0; i < sizeof aux / sizeof *aux; i++) {
		*p++ = aux[i][0];
		*p++ = aux[i][1];
	}
	__init_libc((char **)start_block, progname);
	__libc_start_init();
}
