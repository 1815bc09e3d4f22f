/* Linking a module: every input compiled to a sandboxed object, then
 * ld.lld-19 builds a static PIE (R20) with every global exported (R21).
 *
 * Programs (no -shared) must be complete: an undefined symbol is an error,
 * as with any C compiler. Plugin modules (-shared, or --sfi-allow-imports)
 * may leave functions undefined; those become host imports (R21): a trial
 * link finds them (imports.c), a generated object defines a stub and a slot
 * for each, and the real link includes it. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sfi-clang.h"

/* What the runtime installs in <sysroot>/lib, in link order. This is the one
 * place to change when the runtime's layout changes. Optional files are
 * skipped when absent. crt1.o, not musl's rcrt1.o: the loader applies the
 * RELATIVE relocations (R20), so self-relocation would apply them twice.
 *
 * No crti.o/crtn.o: they build _init/_fini out of .init/.fini fragments
 * from two objects that must end up adjacent, which bundle padding (R5)
 * breaks (and lld pads between them with int3 or zeros). musl runs
 * constructors from .init_array and has dummy weak _init/_fini. */
struct libfile {
	const char *name;
	int required;
};
static const struct libfile program_start[] = { { "crt1.o", 1 } };
static const struct libfile module_start[] = { { "sfi-plugin-crt.o", 0 } };
static const struct libfile default_libs[] = {
	{ "libc.a", 1 },
	/* Compiler support routines (__divti3, ...), built with sfi-clang. The
	 * host's libclang_rt.builtins is not sandboxed and must never be used. */
	{ "libclang_rt.builtins-x86_64.a", 0 },
};
static const struct libfile end_files[] = { { NULL, 0 } };

/* musl has these in libc.a; it installs empty archives under their names.
 * If the sysroot lacks one, dropping -l<name> is what those archives do. */
static const char *const musl_in_libc[] = {
	"m", "pthread", "dl", "rt", "util", "xnet", "resolv", "crypt",
};

static void push_files(struct strvec *a, const struct tools *t, const struct libfile *f,
                       size_t n)
{
	for (size_t i = 0; i < n && f[i].name; i++) {
		const char *path = xasprintf("%s/lib/%s", t->sysroot, f[i].name);
		if (file_exists(path))
			sv_push(a, path);
		else if (f[i].required)
			error("sysroot file '%s' is missing", path);
	}
}
#define PUSH_FILES(a, t, arr) push_files(a, t, arr, sizeof arr / sizeof *arr)

static int drop_lib(const struct options *o, const struct tools *t, const char *arg)
{
	if (!starts_with(arg, "-l"))
		return 0;
	for (size_t i = 0; i < sizeof musl_in_libc / sizeof *musl_in_libc; i++)
		if (!strcmp(arg + 2, musl_in_libc[i])) {
			if (t->sysroot && file_exists(xasprintf("%s/lib/lib%s.a", t->sysroot, arg + 2)))
				return 0;
			if (o->verbose)
				note("'%s' dropped: musl's libc.a provides it", arg);
			return 1;
		}
	return 0;
}

/* The items in command-line order: objects (compiled ones replaced by their
 * temporaries), archives, -l, -L and -Wl arguments. */
static void push_items(struct strvec *a, const struct options *o, const struct tools *t)
{
	for (size_t i = 0; i < o->nitems; i++) {
		const struct item *it = &o->items[i];
		if (!it->is_input) {
			if (!drop_lib(o, t, it->arg))
				sv_push(a, it->arg);
		} else {
			sv_push(a, it->obj ? it->obj : it->arg);
		}
	}
}

/* R11 form c / R17: the verifier accepts a rip-relative access when
 * [target, target + 8) lies in the image, so a 4-byte variable in the last
 * bytes of .bss would be rejected. This INSERT script (which keeps lld's
 * default layout) adds 32 zero bytes after .bss, the image's end.
 * R2 (compact layout): 64 KiB of empty module space right below the code,
 * where the loader maps the gate area, so that gates and code are one
 * mapping; what lies below that gap must fit in 60 KiB, so read-only data
 * and unwind tables (the bulk of it) go after the code instead. */
static const char pad_script_text[] =
	"/* sfi-clang: room after the last object for R11 form c (rip+disp+8) */\n"
	"SECTIONS { .sfi.pad (NOLOAD) : { . += 32; } } INSERT AFTER .bss;\n"
	"/* sfi-clang: the gate area of the compact slot layout (R2) */\n"
	"SECTIONS { .sfi.gates (NOLOAD) : ALIGN(4096) { . += 0x10000; } } INSERT BEFORE .text;\n"
	"SECTIONS { .ltext : { *(.ltext .ltext.*) } .rodata : { *(.rodata .rodata.*) }\n"
	"  .eh_frame : { KEEP(*(.eh_frame)) } } INSERT AFTER .text;\n";
static const char *pad_script;

static void write_pad_script(const struct options *o)
{
	pad_script = make_temp(o, "sfi-pad", ".ld");
	if (o->dry_run)
		return;
	FILE *f = fopen(pad_script, "w");
	if (!f || fputs(pad_script_text, f) < 0 || fclose(f))
		fatal("cannot write '%s'", pad_script);
}

static void ld_args(struct strvec *a, const struct options *o, const struct tools *t,
                    const char *out, const char *stubs)
{
	int startfiles = !o->nostartfiles && t->sysroot;
	int defaultlibs = !o->nodefaultlibs && t->sysroot;

	sv_push(a, t->ld);
	if (o->relocatable) {
		sv_push(a, "-r");
		sv_push(a, "-o");
		sv_push(a, out);
		push_items(a, o, t);
		return;
	}
	/* R20: ET_DYN without PT_INTERP, W^X segments, code on its own pages.
	 * R21: every global symbol in .dynsym. */
	sv_push(a, "-pie");
	sv_push(a, "--no-dynamic-linker");
	sv_push(a, "-z");
	sv_push(a, "separate-code");
	sv_push(a, "-z");
	sv_push(a, "noexecstack");
	sv_push(a, "--export-dynamic");
	if (o->shared)
		sv_push(a, "--entry=0"); /* a plugin has no entry point, only exports */
	sv_push(a, "-o");
	sv_push(a, out);
	if (startfiles) {
		if (o->shared)
			PUSH_FILES(a, t, module_start);
		else
			PUSH_FILES(a, t, program_start);
	}
	if (t->sysroot)
		sv_push(a, xasprintf("-L%s/lib", t->sysroot));
	push_items(a, o, t);
	if (stubs)
		sv_push(a, stubs);
	if (defaultlibs) {
		sv_push(a, "--start-group");
		PUSH_FILES(a, t, default_libs);
		sv_push(a, "--end-group");
	}
	if (startfiles)
		PUSH_FILES(a, t, end_files);
	sv_push(a, pad_script);
}

static int valid_symbol(const char *s)
{
	for (; *s; s++)
		if (!(*s == '_' || *s == '.' || *s == '$' || (*s >= '0' && *s <= '9') ||
		      (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

/* Trial link, then stubs for what stayed undefined, then the real link. */
static int link_with_imports(const struct options *o, const struct tools *t, const char *out)
{
	/* The trial output can become the module by rename() only when the
	 * output is (or will be) a regular file: renaming onto /dev/null,
	 * which configure scripts link to, would replace the device. */
	struct stat st;
	int renamable = stat(out, &st) != 0 ? errno == ENOENT : S_ISREG(st.st_mode);
	const char *trial = renamable ? make_temp_beside(out) : make_temp(o, "sfi-trial", ".sfi");
	struct strvec a = { 0 };
	ld_args(&a, o, t, trial, NULL);
	/* Last, so it overrides a user's -z defs / --no-undefined. */
	sv_push(&a, "--unresolved-symbols=ignore-all");
	int rc = link_and_check_notes(o, &a, trial);
	if (rc)
		return rc;

	struct import *imp = NULL;
	int n = 0;
	if (o->dry_run) {
		fprintf(stderr, "# imports: the symbols still undefined in %s\n", trial);
		n = 1; /* show the steps that follow */
	} else {
		n = read_imports(trial, &imp);
		if (n < 0)
			return 1;
		if (n == 0 && renamable && rename(trial, out) == 0) {
			/* Nothing undefined: the trial output is the module. */
			temp_forget(trial);
			return 0;
		}
	}
	for (int i = 0; i < n && imp; i++) {
		if (!valid_symbol(imp[i].name)) {
			error("cannot import '%s': not a C identifier", imp[i].name);
			return 1;
		}
		if (o->verbose)
			note("import: %s%s", imp[i].name, imp[i].called ? "" : " (address only)");
		if (!imp[i].called)
			warning("'%s' is undefined and never called; importing it as a host function "
			        "(R21 cannot import data)", imp[i].name);
	}
	if (!o->shared && !o->dry_run && n > 0 && o->verbose)
		note("%d undefined function(s) imported (--sfi-allow-imports)", n);

	const char *stubs_s = make_temp(o, "sfi-imports", ".s");
	const char *stubs_o = make_temp(o, "sfi-imports", ".o");
	if (!o->dry_run && write_import_stubs(stubs_s, imp, n) < 0)
		return 1;
	struct strvec as = { 0 };
	sv_push(&as, t->sfi_as);
	sv_pushv(&as, &o->as); /* the stubs carry the same .note.sfi (R20) */
	sv_push(&as, stubs_s);
	sv_push(&as, "-o");
	sv_push(&as, stubs_o);
	if ((rc = run(o, &as)))
		return rc;

	struct strvec b = { 0 };
	ld_args(&b, o, t, out, n > 0 ? stubs_o : NULL);
	if (n > 0)
		sv_push(&b, "--no-warnings"); /* the trial link has shown them */
	return run(o, &b);
}

int link_module(const struct options *o, const struct tools *t)
{
	const char *out = o->output ? o->output : "a.out";
	int rc;

	if (!t->sysroot && !o->relocatable && !(o->nostartfiles && o->nodefaultlibs))
		fatal("no sandbox sysroot (looked in '%s'): linking needs -nostdlib until the "
		      "runtime is built; or set SFI_SYSROOT / --sfi-sysroot=", t->sysroot_wanted);

	/* Compile every source to a temporary object. */
	int ninputs = 0;
	for (size_t i = 0; i < o->nitems; i++) {
		struct item *it = &o->items[i];
		if (!it->is_input)
			continue;
		ninputs++;
		if (it->lang == LANG_LINKER) {
			const char *b = base_name(it->arg);
			if (ends_with(b, ".so") || strstr(b, ".so."))
				fatal("'%s': a shared library cannot be linked into a sandbox module",
				      it->arg);
			continue;
		}
		const char *stem = strcmp(it->arg, "-") ? strip_ext(base_name(it->arg)) : "stdin";
		it->obj = make_temp(o, stem, ".o");
		if ((rc = compile_input(o, t, it, it->obj)))
			return rc;
	}
	if (!ninputs)
		fatal("no input files");
	if (error_count)
		return 1;
	if (!o->relocatable)
		write_pad_script(o);

	if (!o->relocatable && (o->shared || o->allow_imports))
		return link_with_imports(o, t, out);

	struct strvec a = { 0 };
	ld_args(&a, o, t, out, NULL);
	if (error_count)
		return 1;
	rc = link_and_check_notes(o, &a, out);
	if (rc && !o->relocatable && !error_count)
		note("undefined functions become host imports only in -shared modules or "
		     "with --sfi-allow-imports (R21)");
	return rc;
}
