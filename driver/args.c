/* The command line. sfi-clang takes gcc/clang's options; most go to clang
 * unchanged (it diagnoses the ones it does not know). The driver itself
 * looks only at what decides which tools run, where outputs go, and what the
 * linker sees. Linker inputs keep their command-line order in o->items. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfi-clang.h"

const char *info_option; /* --help, --version, -dumpmachine, -print-*: see main.c */

static void add_item(struct options *o, int is_input, const char *arg, enum lang lang)
{
	o->items = xrealloc(o->items, (o->nitems + 1) * sizeof *o->items);
	o->items[o->nitems++] = (struct item){ .is_input = is_input, .arg = arg, .lang = lang };
}

/* What a file is, from its name. LANG_NONE: a language we do not compile. */
static enum lang lang_of_name(const char *path)
{
	const char *dot = strrchr(base_name(path), '.');
	if (!dot)
		return LANG_LINKER;
	static const struct { const char *ext; enum lang lang; } table[] = {
		{ ".c", LANG_C }, { ".i", LANG_CPP_OUTPUT }, { ".s", LANG_ASM },
		{ ".S", LANG_ASM_CPP }, { ".sx", LANG_ASM_CPP },
		/* C++, Objective-C, headers: no runtime for them in the sandbox. */
		{ ".cc", LANG_NONE }, { ".cpp", LANG_NONE }, { ".cxx", LANG_NONE },
		{ ".c++", LANG_NONE }, { ".C", LANG_NONE }, { ".ii", LANG_NONE },
		{ ".m", LANG_NONE }, { ".mm", LANG_NONE }, { ".h", LANG_NONE },
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (strcmp(dot, table[i].ext) == 0)
			return table[i].lang;
	return LANG_LINKER;
}

/* -x's argument; LANG_NONE for "none" (back to file names), -1 if unknown. */
static int lang_of_x(const char *name)
{
	if (!strcmp(name, "none"))
		return LANG_NONE;
	if (!strcmp(name, "c"))
		return LANG_C;
	if (!strcmp(name, "cpp-output") || !strcmp(name, "c-cpp-output"))
		return LANG_CPP_OUTPUT;
	if (!strcmp(name, "assembler"))
		return LANG_ASM;
	if (!strcmp(name, "assembler-with-cpp"))
		return LANG_ASM_CPP;
	return -1;
}

/* Options whose value may be the next argument ("-I dir" as well as "-Idir").
 * Listed so the value is never mistaken for an input file. */
static const char *const cc_with_value[] = {
	"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
	"-iprefix", "-iwithprefix", "-iwithprefixbefore", "-isysroot", "-include-pch",
	"-Xclang", "-mllvm", "-Xpreprocessor", "--param", "-ivfsoverlay",
};

/* Whether a -g flag turns debug info on (1) or off (0); -1 for other flags,
 * including -g options that only tune it (-gsplit-dwarf, -gz, -gcolumn-info).
 * Clang keeps the last level; sfi-as needs it for hand-written assembly,
 * which has no .file/.loc of its own. */
static int debug_level_flag(const char *a)
{
	static const char *const on[] = {
		"-g", "-g1", "-g2", "-g3", "-ggdb", "-ggdb1", "-ggdb2", "-ggdb3", "-glldb",
		"-gsce", "-gdbx", "-gdwarf", "-gdwarf-2", "-gdwarf-3", "-gdwarf-4", "-gdwarf-5",
		"-gline-tables-only", "-gline-directives-only",
	};
	if (!strcmp(a, "-g0") || !strcmp(a, "-ggdb0"))
		return 0;
	for (size_t k = 0; k < sizeof on / sizeof *on; k++)
		if (!strcmp(a, on[k]))
			return 1;
	return -1;
}

/* Takes the value of `flag` from "-Fvalue" or "-F value". */
static const char *value(int argc, char **argv, int *i, const char *flag)
{
	const char *a = argv[*i];
	if (a[strlen(flag)])
		return a + strlen(flag);
	if (*i + 1 >= argc)
		fatal("argument to '%s' is missing (expected 1 value)", flag);
	return argv[++*i];
}

/* gas options that build systems pass with -Wa and that mean nothing for
 * sfi-as (its output never has an executable stack, and it only does
 * 64-bit). Everything else goes to sfi-as, which rejects what it does not
 * know. */
static void add_as_flag(struct options *o, const char *f)
{
	if (!strcmp(f, "--noexecstack") || !strcmp(f, "--64"))
		return;
	sv_push(&o->as, f);
}

static void split_commas(const char *list, void (*fn)(struct options *, const char *),
                         struct options *o)
{
	char *s = xstrdup(list);
	for (char *p = s, *comma; p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = 0;
		fn(o, p);
	}
}

static void add_ld_arg(struct options *o, const char *f)
{
	add_item(o, 0, f, LANG_NONE);
}

static void add_input(struct options *o, const char *path, enum lang x_lang)
{
	enum lang lang = x_lang;
	if (strcmp(path, "-") != 0 && x_lang == LANG_NONE) {
		lang = lang_of_name(path);
		if (lang == LANG_NONE) {
			error("'%s': only C and assembly can be compiled for the sandbox", path);
			return;
		}
	}
	/* Not file_exists(): /dev/null and pipes are fine inputs. */
	if (strcmp(path, "-") != 0 && (access(path, R_OK) != 0 || dir_exists(path))) {
		error("no such file or directory: '%s'", path);
		return;
	}
	add_item(o, 1, path, lang);
}

/* Options sfi-clang consumes itself or translates; returns 0 if `a` is not
 * one of them. */
static int driver_option(struct options *o, int argc, char **argv, int *i, enum lang *x_lang)
{
	const char *a = argv[*i];
	static const char *const informational[] = {
		"--help", "--version", "-dumpmachine", "-dumpversion",
		"-print-libgcc-file-name", "-print-search-dirs", "-print-resource-dir",
		"-print-multi-os-directory", "-print-multiarch", "-print-target-triple",
		"-print-effective-triple",
	};
	for (size_t k = 0; k < sizeof informational / sizeof *informational; k++)
		if (!strcmp(a, informational[k])) {
			if (!info_option)
				info_option = a;
			return 1;
		}
	if (starts_with(a, "-print-prog-name=") || starts_with(a, "-print-file-name=")) {
		if (!info_option)
			info_option = a;
		return 1;
	}

	if (!strcmp(a, "-c")) {
		if (o->mode == MODE_LINK)
			o->mode = MODE_OBJECT;
	} else if (!strcmp(a, "-S")) {
		if (o->mode == MODE_LINK || o->mode == MODE_OBJECT)
			o->mode = MODE_ASSEMBLY;
	} else if (!strcmp(a, "-E")) {
		o->mode = MODE_PREPROCESS;
	} else if (!strcmp(a, "-fsyntax-only")) {
		if (o->mode != MODE_PREPROCESS)
			o->mode = MODE_SYNTAX;
	} else if (starts_with(a, "-o")) {
		o->output = value(argc, argv, i, "-o");
	} else if (starts_with(a, "-x")) {
		const char *name = value(argc, argv, i, "-x");
		int l = lang_of_x(name);
		if (l < 0)
			fatal("language '%s' is not supported (only c, cpp-output, assembler, "
			      "assembler-with-cpp)", name);
		*x_lang = (enum lang)l;
	} else if (!strcmp(a, "-v")) {
		o->verbose = 1;
	} else if (!strcmp(a, "-###")) {
		o->dry_run = 1;
	} else if (!strcmp(a, "-save-temps") || starts_with(a, "-save-temps=")) {
		o->save_temps = 1;
	} else if (!strcmp(a, "-pipe") || starts_with(a, "-fuse-ld=") || !strcmp(a, "-rdynamic") ||
	           !strcmp(a, "-static") || !strcmp(a, "-static-pie") || !strcmp(a, "-pie")) {
		/* Modules are always static PIE with every symbol exported (R20,
		 * R21); these ask for what we do anyway. */
	} else if (!strcmp(a, "-no-pie")) {
		warning("'-no-pie' ignored: sandbox modules are always static PIE (R20)");
	} else if (!strcmp(a, "-shared")) {
		o->shared = 1;
	} else if (!strcmp(a, "-r")) {
		o->relocatable = 1;
	} else if (!strcmp(a, "-nostdlib")) {
		o->nostartfiles = o->nodefaultlibs = 1;
	} else if (!strcmp(a, "-nostartfiles")) {
		o->nostartfiles = 1;
	} else if (!strcmp(a, "-nodefaultlibs")) {
		o->nodefaultlibs = 1;
	} else if (!strcmp(a, "-pthread")) {
		/* Defines _REENTRANT for clang; musl's libc.a has pthreads, so
		 * nothing to link. Threads cannot run in a sandbox (R25). */
		sv_push(&o->cc, a);
	} else if (starts_with(a, "-l")) {
		add_ld_arg(o, xasprintf("-l%s", value(argc, argv, i, "-l")));
	} else if (starts_with(a, "-L")) {
		add_ld_arg(o, xasprintf("-L%s", value(argc, argv, i, "-L")));
	} else if (starts_with(a, "-Wl,")) {
		split_commas(a + 4, add_ld_arg, o);
	} else if (!strcmp(a, "-Xlinker") || !strcmp(a, "-u") || !strcmp(a, "-e") ||
	           !strcmp(a, "-T") || !strcmp(a, "-z")) {
		if (*i + 1 >= argc)
			fatal("argument to '%s' is missing (expected 1 value)", a);
		if (strcmp(a, "-Xlinker") != 0)
			add_ld_arg(o, a);
		add_ld_arg(o, argv[++*i]);
	} else if (!strcmp(a, "-s")) {
		add_ld_arg(o, a);
	} else if (starts_with(a, "-Wa,")) {
		split_commas(a + 4, add_as_flag, o);
	} else if (!strcmp(a, "-Xassembler")) {
		if (*i + 1 >= argc)
			fatal("argument to '%s' is missing (expected 1 value)", a);
		add_as_flag(o, argv[++*i]);
	} else if (starts_with(a, "--sfi-sysroot=")) {
		o->sysroot_opt = a + strlen("--sfi-sysroot=");
	} else if (starts_with(a, "--sysroot")) {
		o->sysroot_opt = a[9] == '=' ? a + 10 : value(argc, argv, i, "--sysroot");
	} else if (!strcmp(a, "--sfi-allow-imports")) {
		o->allow_imports = 1;
	} else if (!strcmp(a, "--sfi-stores-only")) {
		sv_push(&o->as, "--stores-only");
	} else if (!strcmp(a, "--sfi-thread-safe-returns")) {
		sv_push(&o->as, "--thread-safe-returns");
	} else if (starts_with(a, "--sfi-")) {
		fatal("unknown option '%s' (see --help)", a);
	} else if (!strcmp(a, "-target") || starts_with(a, "--target=") || !strcmp(a, "-m32") ||
	           !strcmp(a, "-mx32") || !strcmp(a, "-m16")) {
		const char *t = !strcmp(a, "-target") ? value(argc, argv, i, "-target")
		              : starts_with(a, "--target=") ? a + 9 : a;
		if (!starts_with(t, "x86_64"))
			fatal("'%s': the sandbox target is x86-64 only (R1)", t);
		/* The driver picks the triple (tools.c). */
	} else if (!strcmp(a, "-MD") || !strcmp(a, "-MMD")) {
		o->deps_md = 1;
		sv_push(&o->deps, a);
	} else if (!strcmp(a, "-M") || !strcmp(a, "-MM")) {
		/* Like -E: clang writes the rule instead of the source. */
		o->mode = MODE_PREPROCESS;
		sv_push(&o->deps, a);
	} else if (starts_with(a, "-MF") || starts_with(a, "-MT") || starts_with(a, "-MQ")) {
		char flag[4] = { a[0], a[1], a[2], 0 };
		if (flag[2] == 'F')
			o->deps_mf = 1;
		else
			o->deps_mt = 1;
		sv_push(&o->deps, xstrdup(flag));
		sv_push(&o->deps, value(argc, argv, i, flag));
	} else if (!strcmp(a, "-MP") || !strcmp(a, "-MG") || !strcmp(a, "-MV")) {
		sv_push(&o->deps, a);
	} else {
		return 0;
	}
	return 1;
}

void parse_args(struct options *o, int argc, char **argv)
{
	enum lang x_lang = LANG_NONE;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !strcmp(a, "-")) {
			add_input(o, a, x_lang);
			continue;
		}
		if (driver_option(o, argc, argv, &i, &x_lang))
			continue;
		/* Everything else is clang's: -O, -g, -W, -f, -m, -std, -D, -I, ...
		 * The contract's own flags are appended after these (compile.c),
		 * so they win where clang takes the last of a kind. */
		sv_push(&o->cc, a);
		int debug = debug_level_flag(a);
		if (debug >= 0)
			o->debug_info = debug;
		for (size_t k = 0; k < sizeof cc_with_value / sizeof *cc_with_value; k++)
			if (!strcmp(a, cc_with_value[k])) {
				if (i + 1 >= argc)
					fatal("argument to '%s' is missing (expected 1 value)", a);
				sv_push(&o->cc, argv[++i]);
				break;
			}
	}

	/* Standard input needs a language; -E reads it as C, like clang. */
	for (size_t k = 0; k < o->nitems; k++) {
		struct item *it = &o->items[k];
		if (it->is_input && it->lang == LANG_NONE) {
			if (o->mode == MODE_PREPROCESS)
				it->lang = LANG_C;
			else
				fatal("-E or -x required when input is from standard input");
		}
	}
}

/* ---- @file response files (gcc rules: whitespace separates, quotes and
 * backslash escape; a file that cannot be read stays a literal argument) ---- */

static int read_file(const char *path, char **out)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = 0, cap = 4096;
	char *buf = xmalloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n - 1 == 0)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	buf[n] = 0;
	*out = buf;
	return 0;
}

static void tokenize(const char *s, struct strvec *out)
{
	char *tok = xmalloc(strlen(s) + 1);
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			break;
		size_t n = 0;
		char quote = 0;
		for (; *s; s++) {
			if (quote) {
				if (*s == quote)
					quote = 0;
				else if (*s == '\\' && s[1] && quote == '"')
					tok[n++] = *++s;
				else
					tok[n++] = *s;
			} else if (*s == '\'' || *s == '"') {
				quote = *s;
			} else if (*s == '\\' && s[1]) {
				tok[n++] = *++s;
			} else if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
				break;
			} else {
				tok[n++] = *s;
			}
		}
		tok[n] = 0;
		sv_push(out, xstrdup(tok));
	}
	free(tok);
}

static void expand(struct strvec *out, const char *arg, int depth)
{
	char *text;
	if (arg[0] != '@' || read_file(arg + 1, &text) < 0) {
		sv_push(out, arg);
		return;
	}
	if (depth > 16)
		fatal("response files nested too deeply: '%s'", arg);
	struct strvec words = { 0 };
	tokenize(text, &words);
	for (size_t i = 0; i < words.n; i++)
		expand(out, words.v[i], depth + 1);
}

void expand_response_files(int *argc, char ***argv)
{
	int any = 0;
	for (int i = 1; i < *argc; i++)
		any |= (*argv)[i][0] == '@';
	if (!any)
		return;
	struct strvec out = { 0 };
	sv_push(&out, (*argv)[0]);
	for (int i = 1; i < *argc; i++)
		expand(&out, (*argv)[i], 0);
	sv_terminate(&out);
	*argc = (int)out.n;
	*argv = (char **)out.v;
}
