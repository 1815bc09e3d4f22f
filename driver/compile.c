/* Compiling one input: C goes through clang (with the SfiPass plugin) to
 * assembly and then through sfi-as; .S is preprocessed by clang first; .s
 * goes to sfi-as directly. clang never assembles: only sfi-as makes the
 * objects that end up in a module. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sfi-clang.h"

/* Flags the contract needs. They come after the user's, so that where clang
 * takes the last flag of a kind (-fpic/-fPIE, -mred-zone, -flto, -m<feature>)
 * the contract wins. Change them together with docs/sandbox-abi.md. */
static const char *const contract_flags[] = {
	"-fPIE",                /* R20: static PIE; only RELATIVE dynamic relocations */
	"-mno-red-zone",        /* R1, R18: a rewritten syscall pushes below %rsp */
	"-fcf-protection=none", /* endbr64 is allowed but useless: R9/R10 mask every target */
	"-fno-lto",             /* LTO objects are bitcode: they would bypass sfi-as */
	/* R18: sfi-as rewrites initial/local-exec %fs: accesses; general and
	 * local-dynamic TLS (@tlsgd, @tlsld) would be relaxed by lld into raw
	 * %fs: code that never passes through sfi-as. */
	"-ftls-model=initial-exec",
	/* R14/R15: instruction sets clang may pick on its own for -march=native
	 * or -mavx512f that the verifier rejects. -mno-avx512f turns off every
	 * AVX-512 extension (they all depend on it), hence all EVEX. */
	"-mno-avx512f", "-mno-sse4a", "-mno-fma4", "-mno-xop", "-mno-tbm",
	/* Outside the R15 allow list, but picked by the vectoriser or code
	 * generator under modern -march values (icelake, alderlake, ...). */
	"-mno-prfchw", "-mno-gfni", "-mno-avxvnni", "-mno-avxvnniint8",
	"-mno-avxvnniint16", "-mno-avxifma", "-mno-avxneconvert", "-mno-vaes",
	"-mno-vpclmulqdq", "-mno-sha", "-mno-sha512", "-mno-sm3", "-mno-sm4",
	"-mno-clflushopt", "-mno-clwb", "-mno-amx-tile",
	"-mharden-sls=none",    /* SLS hardening pads with int3 (R14) */
	/* R14: the vectoriser emits VSIB gathers for ordinary loops under tunings
	 * with fast gathers (-mtune=skylake); explicit gather intrinsics still
	 * reach sfi-as and are refused there. */
	"-mno-gather", "-mno-scatter",
};

static const char *x_name(enum lang l)
{
	switch (l) {
	case LANG_C: return "c";
	case LANG_CPP_OUTPUT: return "cpp-output";
	case LANG_ASM: return "assembler";
	case LANG_ASM_CPP: return "assembler-with-cpp";
	default: return "none";
	}
}

static const char *stem_of(const struct item *it)
{
	return strcmp(it->arg, "-") ? strip_ext(base_name(it->arg)) : "stdin";
}

void clang_base_args(struct strvec *a, const struct options *o, const struct tools *t)
{
	sv_push(a, t->clang);
	sv_push(a, xasprintf("--target=%s", t->triple));
	if (t->sysroot)
		sv_push(a, xasprintf("--sysroot=%s", t->sysroot));
	if (o->verbose)
		sv_push(a, "-v");
	sv_pushv(a, &o->cc);
}

static void push_contract_flags(struct strvec *a)
{
	for (size_t i = 0; i < sizeof contract_flags / sizeof *contract_flags; i++)
		sv_push(a, contract_flags[i]);
}

/* -MD and friends. clang would name the rule's target and the .d file after
 * its own -o, which is our temporary; point them at the real object. */
static void push_dep_flags(struct strvec *a, const struct options *o, const struct item *it,
                           const char *obj)
{
	sv_pushv(a, &o->deps);
	if (!o->deps_md)
		return;
	const char *target = obj ? obj : xasprintf("%s.o", stem_of(it));
	if (!o->deps_mt) {
		sv_push(a, "-MT");
		sv_push(a, target);
	}
	if (!o->deps_mf) {
		sv_push(a, "-MF");
		sv_push(a, xasprintf("%s.d", strip_ext(target)));
	}
}

/* source_is_asm: the user's assembly input (.s, or .S after cpp), which needs
 * sfi-as -g for line information; NULL for clang's output, which carries its
 * own .file/.loc. */
static int run_sfi_as(const struct options *o, const struct tools *t, const char *in,
                      int in_is_temp, const struct item *source_is_asm, const char *out)
{
	struct strvec a = { 0 };
	sv_push(&a, t->sfi_as);
	sv_pushv(&a, &o->as);
	if (source_is_asm && o->debug_info) {
		sv_push(&a, "-g");
		sv_push(&a, "-main-file-name"); /* not the temporary .S was preprocessed into */
		sv_push(&a, strcmp(source_is_asm->arg, "-") ? source_is_asm->arg : "<stdin>");
	}
	sv_push(&a, in);
	sv_push(&a, "-o");
	sv_push(&a, out);
	int errors = error_count;
	int rc = run(o, &a);
	/* Its diagnostics name our temporary, which is gone by now. (A new
	 * error_count means sfi-as did not even run.) */
	if (rc && in_is_temp && !o->save_temps && !o->dry_run && errors == error_count)
		note("the assembly sfi-as rejected is kept with -save-temps");
	return rc;
}

/* sfi-as reads files only; "-x assembler -" is copied to a temporary. */
static const char *stdin_to_temp(const struct options *o)
{
	const char *path = make_temp(o, "stdin", ".s");
	if (o->dry_run)
		return path;
	FILE *f = fopen(path, "w");
	if (!f)
		fatal("cannot write '%s': %s", path, strerror(errno));
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		fwrite(buf, 1, n, f);
	if (fclose(f))
		fatal("cannot write '%s': %s", path, strerror(errno));
	return path;
}

int compile_input(const struct options *o, const struct tools *t, const struct item *it,
                  const char *out)
{
	/* The object the user will see, for dependency rules; NULL when
	 * linking (the object is a temporary). */
	const char *obj = o->mode == MODE_LINK ? NULL : out;
	struct strvec a = { 0 };
	int rc;

	switch (it->lang) {
	case LANG_C:
	case LANG_CPP_OUTPUT: {
		if (!t->plugin)
			fatal("cannot find the SfiPass plugin (libSfiPass.so); set SFI_PASS_PLUGIN");
		const char *asm_out = o->mode == MODE_ASSEMBLY ? out : make_temp(o, stem_of(it), ".s");
		clang_base_args(&a, o, t);
		if (o->mode == MODE_ASSEMBLY)
			sv_pushv(&a, &o->deps); /* clang's -o is the real output */
		else
			push_dep_flags(&a, o, it, obj);
		sv_push(&a, xasprintf("-fpass-plugin=%s", t->plugin));
		push_contract_flags(&a);
		sv_push(&a, "-S");
		sv_push(&a, "-o");
		sv_push(&a, asm_out);
		sv_push(&a, "-x");
		sv_push(&a, x_name(it->lang));
		sv_push(&a, it->arg);
		if ((rc = run(o, &a)) || o->mode == MODE_ASSEMBLY)
			return rc;
		return run_sfi_as(o, t, asm_out, 1, NULL, out);
	}
	case LANG_ASM_CPP: {
		const char *pp = make_temp(o, stem_of(it), ".s");
		clang_base_args(&a, o, t);
		push_dep_flags(&a, o, it, obj);
		push_contract_flags(&a); /* same predefined macros as C (__PIE__, ...) */
		sv_push(&a, "-Qunused-arguments");
		sv_push(&a, "-E");
		sv_push(&a, "-o");
		sv_push(&a, pp);
		sv_push(&a, "-x");
		sv_push(&a, x_name(it->lang));
		sv_push(&a, it->arg);
		if ((rc = run(o, &a)))
			return rc;
		return run_sfi_as(o, t, pp, 1, it, out);
	}
	case LANG_ASM:
		if (strcmp(it->arg, "-") == 0)
			return run_sfi_as(o, t, stdin_to_temp(o), 0, it, out);
		return run_sfi_as(o, t, it->arg, 0, it, out);
	default:
		return 0;
	}
}

/* -E, -M, -MM and -fsyntax-only: clang does all of it in one run, writing to
 * -o or stdout. The contract flags are there so that predefined macros match
 * what a real compile sees. */
int preprocess_all(const struct options *o, const struct tools *t)
{
	struct strvec a = { 0 };
	clang_base_args(&a, o, t);
	sv_pushv(&a, &o->deps);
	push_contract_flags(&a);
	sv_push(&a, "-Qunused-arguments");
	sv_push(&a, o->mode == MODE_SYNTAX ? "-fsyntax-only" : "-E");
	if (o->output) {
		sv_push(&a, "-o");
		sv_push(&a, o->output);
	}
	int n = 0;
	for (size_t i = 0; i < o->nitems; i++) {
		const struct item *it = &o->items[i];
		if (!it->is_input)
			continue;
		if (it->lang == LANG_LINKER) {
			warning("%s: linker input unused because linking not done", it->arg);
			continue;
		}
		sv_push(&a, "-x");
		sv_push(&a, x_name(it->lang));
		sv_push(&a, it->arg);
		n++;
	}
	if (!n)
		fatal("no input files");
	return run(o, &a);
}
