/* sfi-clang: entry point, informational options, and the top-level plan:
 * preprocess, compile each input, or compile and link. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfi-clang.h"

#define SFI_CLANG_VERSION "0.1.0"



static const char usage[] =
"OVERVIEW: sfi-clang " SFI_CLANG_VERSION ", C compiler for sfi sandbox modules (ABI 1)\n"
"\n"
"USAGE: sfi-clang [options] file...\n"
"\n"
"Takes clang/gcc options. Inputs: .c, .i, .s, .S, .o, .a (and -x c|cpp-output|\n"
"assembler|assembler-with-cpp, '-' for stdin). C is compiled by clang-19 with the\n"
"SfiPass plugin and the contract's flags (-fPIE -mno-red-zone -fcf-protection=none\n"
"-fno-lto -mno-avx512f ...), then assembled by sfi-as, which sandboxes it.\n"
"\n"
"  -c            compile and sandbox to objects\n"
"  -S            write clang's assembly, BEFORE sfi-as rewrites it\n"
"  -E, -M, -MM   preprocess (to stdout unless -o)\n"
"  -MD -MMD -MF -MT -MQ -MP   dependency files, named after the real object\n"
"  (none)        link a module: static PIE, every global exported (R20, R21)\n"
"  -shared       link a plugin module: undefined functions become host imports\n"
"                (R21: slot __sfi_import__<f> + stub <f>); no crt1.o\n"
"  -static -static-pie -pie -rdynamic   accepted; modules are always static PIE\n"
"  -pthread      accepted (defines _REENTRANT); threads cannot run in a sandbox\n"
"  -nostdlib -nostartfiles -nodefaultlibs   as usual\n"
"  -l -L -Wl, -Xlinker -u -e -T -z -s -r    to ld.lld-19\n"
"  -Wa,<opt> -Xassembler <opt>              to sfi-as (--noexecstack is dropped)\n"
"  -v            print each command, then run it;  -###  print only\n"
"  -save-temps   keep intermediate files in the current directory\n"
"  @file         read more options from file\n"
"\n"
"sfi options:\n"
"  --sfi-allow-imports          a program (no -shared) may import functions\n"
"  --sfi-stores-only            sfi-as --stores-only (R11 policy; note says so)\n"
"  --sfi-thread-safe-returns    sfi-as --thread-safe-returns (R10)\n"
"  --sfi-sysroot=<dir>, --sysroot=<dir>   sandbox sysroot (musl + crt)\n"
"\n"
"Environment: SFI_CLANG (clang-19), SFI_AS, SFI_PASS_PLUGIN, SFI_LD (ld.lld-19),\n"
"SFI_SYSROOT, TMPDIR. Without -v the tool paths are: sfi-as and libSfiPass.so\n"
"next to sfi-clang, else those of the build tree.\n"
"\n"
"Sysroot: <dir>/include and <dir>/lib/{crt1.o,sfi-plugin-crt.o,libc.a,...}.\n"
"With none (the runtime is not built yet), C is compiled against the host's\n"
"headers for target x86_64-linux-gnu, for -c, -S and -E only: linking then\n"
"needs -nostdlib. With a sysroot the target is x86_64-linux-musl.\n";

/* The driver is short-lived and frees nothing on purpose (sfi-clang.h);
 * under -DSFI_SANITIZE=ON, LeakSanitizer would report every string. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}
#endif
#endif

/* Prints a sysroot file if it exists, else the bare name (as gcc does). */
static void print_file_name(const struct tools *t, const char *name)
{
	const char *path = t->sysroot ? xasprintf("%s/lib/%s", t->sysroot, name) : NULL;
	puts(path && file_exists(path) ? path : name);
}

/* Autotools, libtool and CMake ask these. Answers describe the sandbox
 * toolchain, not the host. */
static int do_info(const struct options *o, const struct tools *t)
{
	const char *q = info_option;
	if (!strcmp(q, "--help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(q, "-dumpmachine") || !strcmp(q, "-print-target-triple") ||
	    !strcmp(q, "-print-effective-triple")) {
		puts(t->triple);
		return 0;
	}
	if (!strcmp(q, "-print-libgcc-file-name")) {
		print_file_name(t, "libclang_rt.builtins-x86_64.a");
		return 0;
	}
	if (starts_with(q, "-print-file-name=")) {
		print_file_name(t, q + strlen("-print-file-name="));
		return 0;
	}
	if (starts_with(q, "-print-prog-name=")) {
		const char *p = q + strlen("-print-prog-name=");
		if (!strcmp(p, "ld") || !strcmp(p, "ld.lld"))
			puts(t->ld);
		else if (!strcmp(p, "as"))
			puts(t->sfi_as);
		else if (!strcmp(p, "clang") || !strcmp(p, "cc1"))
			puts(t->clang);
		else
			puts(p);
		return 0;
	}
	if (!strcmp(q, "-print-search-dirs")) {
		printf("programs: =%s\n", t->sfi_as);
		printf("libraries: =%s\n", t->sysroot ? xasprintf("%s/lib", t->sysroot) : "");
		return 0;
	}
	if (!strcmp(q, "-print-multi-os-directory")) {
		puts(".");
		return 0;
	}
	if (!strcmp(q, "-print-multiarch")) {
		puts("");
		return 0;
	}
	/* --version, -dumpversion, -print-resource-dir: clang's answer (the
	 * headers come from it), after our own line for --version. */
	if (!strcmp(q, "--version"))
		printf("sfi-clang version " SFI_CLANG_VERSION " (sandbox ABI 1), target %s\n",
		       t->triple);
	struct strvec a = { 0 };
	sv_push(&a, t->clang);
	sv_push(&a, q);
	struct options quiet = *o;
	quiet.verbose = 0;
	return run(&quiet, &a);
}

/* -c / -S: one output per input, named after it unless -o. */
static int compile_each(const struct options *o, const struct tools *t)
{
	const char *suffix = o->mode == MODE_ASSEMBLY ? ".s" : ".o";
	int nsources = 0;
	for (size_t i = 0; i < o->nitems; i++) {
		const struct item *it = &o->items[i];
		if (!it->is_input)
			continue;
		if (it->lang == LANG_LINKER) {
			/* gcc treats an unknown extension as a linker input; when
			 * nothing is linked that is almost always a typo or a
			 * file type we cannot compile. */
			const char *b = base_name(it->arg);
			const char *dot = strrchr(b, '.');
			if (dot && (!strcmp(dot, ".o") || !strcmp(dot, ".a") || !strcmp(dot, ".so") ||
			            !strcmp(dot, ".lo")))
				warning("%s: linker input unused because linking not done", it->arg);
			else
				error("%s: unknown file type (expected .c, .i, .s or .S; or use -x)",
				      it->arg);
			continue;
		}
		if (o->mode == MODE_ASSEMBLY && (it->lang == LANG_ASM || it->lang == LANG_ASM_CPP)) {
			warning("%s: assembler input unused with -S", it->arg);
			continue;
		}
		nsources++;
	}
	if (error_count)
		return 1;
	if (nsources > 1 && o->output)
		fatal("cannot specify -o when generating multiple output files");
	if (nsources == 0 && o->nitems == 0)
		fatal("no input files");
	for (size_t i = 0; i < o->nitems; i++) {
		const struct item *it = &o->items[i];
		if (!it->is_input || it->lang == LANG_LINKER ||
		    (o->mode == MODE_ASSEMBLY && (it->lang == LANG_ASM || it->lang == LANG_ASM_CPP)))
			continue;
		const char *stem = strcmp(it->arg, "-") ? strip_ext(base_name(it->arg)) : "-";
		const char *out = o->output ? o->output : xasprintf("%s%s", stem, suffix);
		int rc = compile_input(o, t, it, out);
		if (rc)
			return rc;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct tools t;

	install_cleanup();
	expand_response_files(&argc, &argv);
	parse_args(&o, argc, argv);
	if (error_count)
		return 1;
	find_tools(&t, &o);
	if (info_option)
		return do_info(&o, &t);

	int has_input = 0;
	for (size_t i = 0; i < o.nitems; i++)
		has_input |= o.items[i].is_input;
	if (o.verbose) {
		fprintf(stderr, "sfi-clang version " SFI_CLANG_VERSION " (sandbox ABI 1)\n");
		print_tools(&t);
		if (!has_input)
			return 0;
	}
	if (!has_input)
		fatal("no input files");

	switch (o.mode) {
	case MODE_PREPROCESS:
	case MODE_SYNTAX:
		return preprocess_all(&o, &t);
	case MODE_OBJECT:
	case MODE_ASSEMBLY:
		return compile_each(&o, &t);
	case MODE_LINK:
		return link_module(&o, &t);
	}
	return 1;
}
