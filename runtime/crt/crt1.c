/* sfi program start-up (docs/runtime.md, "Start-up").
 *
 * A module has no kernel-built initial stack and is never entered at its ELF
 * entry point. The host (sfi-run, runtime/host/start.c) copies a block laid
 * out like the kernel's initial stack into sandbox memory:
 *
 *     argc, argv[0..argc-1], NULL, envp[...], NULL, auxv pairs, AT_NULL, strings
 *
 * and calls the export __sfi_start with its address. We hand it to musl's
 * __libc_start_main, which finds envp and auxv after argv, initialises libc
 * (TLS through arch_prctl, which the host turns into a TP_SLOT write, R18),
 * runs constructors and calls exit(main(argc, argv, envp)). exit ends in the
 * exit_group system call, which the host turns into the end of the call.
 *
 * Unlike musl's rcrt1.o this does not relocate itself: the loader applies
 * the module's R_X86_64_RELATIVE relocations (R20). */
int main(int, char **, char **);
int __libc_start_main(int (*)(int, char **, char **), int, char **, void (*)(void),
                      void (*)(void), void (*)(void));

/* crti.o/crtn.o may provide these; musl's crt1.c passes them the same way. */
void _init(void) __attribute__((weak));
void _fini(void) __attribute__((weak));

__attribute__((visibility("default"))) int __sfi_start(long *block);

int __sfi_start(long *block)
{
	int argc = (int)block[0];
	char **argv = (char **)(block + 1);
	return __libc_start_main(main, argc, argv, _init, _fini, 0);
}

/* The ELF entry point, only so that the linker has one to record. sfi never
 * enters a module here (the host calls __sfi_start); if anything does, the
 * program ends with status 127 instead of running with a bogus stack. */
__attribute__((visibility("default"))) void _start(void);

void _start(void)
{
	__asm__ volatile("syscall" : : "a"(231L), "D"(127L) : "rcx", "r11", "memory");
	for (;;)
		;
}
