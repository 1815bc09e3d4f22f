/* sfi-clang: a C compiler driver that produces sandbox modules.
 *
 * It wraps clang-19 (with the SfiPass plugin), sfi-as and ld.lld-19 so that
 * the result obeys docs/sandbox-abi.md. The driver is a short-lived process:
 * strings built here are never freed, and temporary files are removed at exit
 * (tempfiles.c). Everything is declared in this one header because the parts
 * are small and all share the option structure. */
#ifndef SFI_CLANG_H
#define SFI_CLANG_H

#include <stddef.h>

/* ---- util.c: vectors, strings, diagnostics ---- */

struct strvec {
	const char **v;
	size_t n, cap;
};

void sv_push(struct strvec *, const char *);
void sv_pushv(struct strvec *, const struct strvec *);
void sv_terminate(struct strvec *); /* make v[n] == NULL for exec */

void *xmalloc(size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
int starts_with(const char *, const char *);
int ends_with(const char *, const char *);
const char *base_name(const char *);  /* pointer into its argument */
char *strip_ext(const char *);        /* "dir/a.c" -> "dir/a" */
int file_exists(const char *);
int dir_exists(const char *);

void warning(const char *, ...) __attribute__((format(printf, 1, 2)));
void error(const char *, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void fatal(const char *, ...) __attribute__((format(printf, 1, 2)));
void note(const char *, ...) __attribute__((format(printf, 1, 2)));
extern int error_count;

/* ---- args.c: the command line ---- */

enum mode {
	MODE_LINK,       /* default: compile what needs it, then link a module */
	MODE_OBJECT,     /* -c */
	MODE_ASSEMBLY,   /* -S: clang's assembly, before sfi-as rewrites it */
	MODE_PREPROCESS, /* -E, -M, -MM */
	MODE_SYNTAX,     /* -fsyntax-only */
};

enum lang {
	LANG_NONE,       /* decide from the file name */
	LANG_C,          /* .c */
	LANG_CPP_OUTPUT, /* .i */
	LANG_ASM,        /* .s */
	LANG_ASM_CPP,    /* .S, .sx */
	LANG_LINKER,     /* .o, .a, anything else: handed to ld.lld */
};

/* The link line keeps the command-line order of objects, archives, -l, -L
 * and -Wl arguments, because archive resolution depends on it. */
struct item {
	int is_input;      /* 1: a file to compile or link; 0: a linker argument */
	const char *arg;   /* the file name, or the verbatim ld.lld argument */
	enum lang lang;    /* for inputs, after -x and extension rules */
	const char *obj;   /* for compiled inputs in link mode: the temp object */
};

struct options {
	enum mode mode;
	int verbose;        /* -v: print commands, then run them */
	int dry_run;        /* -###: print commands only */
	int save_temps;     /* -save-temps: keep intermediates in the cwd */
	int debug_info;     /* the last -g level flag asks for debug info (-g0 does not) */
	int shared;         /* -shared: build a plugin module (imports allowed) */
	int relocatable;    /* -r: partial link, no crt, no imports */
	int nostartfiles;   /* -nostartfiles or -nostdlib */
	int nodefaultlibs;  /* -nodefaultlibs or -nostdlib */
	int allow_imports;  /* --sfi-allow-imports (implied by -shared) */
	int deps_md;        /* -MD or -MMD seen */
	int deps_mf;        /* -MF seen */
	int deps_mt;        /* -MT or -MQ seen */
	const char *output; /* -o */
	const char *sysroot_opt; /* --sfi-sysroot= or --sysroot= */
	struct strvec cc;   /* flags for every clang invocation, in order */
	struct strvec deps; /* -M* flags: only for steps that read the source */
	struct strvec as;   /* flags for sfi-as */
	struct item *items;
	size_t nitems;
};

/* Parses argv (after @file expansion). Informational options (--help,
 * --version, -dumpmachine, -print-*) are left in info_option for main.c. */
extern const char *info_option;
void parse_args(struct options *, int argc, char **argv);
void expand_response_files(int *argc, char ***argv);

/* ---- tools.c: where clang, sfi-as, the plugin, ld and the sysroot are ---- */

struct tools {
	const char *clang;
	const char *sfi_as;
	const char *plugin;  /* NULL if not found */
	const char *ld;
	const char *sysroot; /* NULL if no usable sysroot (no include/ in it) */
	const char *sysroot_wanted; /* where we looked, for diagnostics */
	const char *triple;
};

void find_tools(struct tools *, const struct options *);
void print_tools(const struct tools *);

/* ---- spawn.c ---- */

/* Runs argv (NULL-terminated), printing it first under -v or -###. Returns
 * 0 on success, the child's exit status if it failed, 1 if it could not be
 * run or died by a signal. Under -### prints only and returns 0. */
int run(const struct options *, struct strvec *argv);
void print_command(const struct strvec *argv);

/* ---- tempfiles.c ---- */

/* Creates a new empty file named after `stem` with `suffix` ("foo-XXXXXX.s")
 * in $TMPDIR (or the cwd under -save-temps) and schedules it for removal at
 * exit, unless -save-temps. */
const char *make_temp(const struct options *, const char *stem, const char *suffix);
/* Like make_temp, but next to `path`, so that rename() onto it works. */
const char *make_temp_beside(const char *path);
void temp_forget(const char *); /* a temp was renamed away: don't unlink it */
void install_cleanup(void);

/* ---- compile.c ---- */

/* Runs the steps for one input in the current mode. `out` is where the
 * final product goes (object, or assembly under -S). Returns 0 or an exit
 * status. */
int compile_input(const struct options *, const struct tools *, const struct item *,
                  const char *out);
/* -E / -M / -fsyntax-only: one clang run over all inputs. */
int preprocess_all(const struct options *, const struct tools *);
void clang_base_args(struct strvec *, const struct options *, const struct tools *);

/* ---- link.c ---- */

int link_module(const struct options *, const struct tools *);

/* ---- elf_read.c: bounds-checked views of ELF files ---- */

#include <elf.h>

struct mapped_file {
	const unsigned char *p;
	size_t size;
};
/* Maps a regular, non-empty file read-only; -1 (errno set) otherwise. */
int mapped_file_open(const char *path, struct mapped_file *);
void mapped_file_close(struct mapped_file *);

struct elf_view {
	const unsigned char *p;
	size_t size;
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh; /* e_shnum entries, all inside the file */
};
/* -1 unless [p, p + size) is an ELF64 file with a section table in bounds. */
int elf_view_init(struct elf_view *, const unsigned char *p, size_t size);
int elf_in_bounds(const struct elf_view *, Elf64_Off off, Elf64_Xword n);
/* The section's name, or NULL if it is out of bounds. */
const char *elf_section_name(const struct elf_view *, const Elf64_Shdr *);

/* ---- notes.c: one sandbox note per module (R20) ---- */

/* Runs the link command `ld` and then checks that every .note.sfi in `out`
 * is the same; if not, names the linked inputs by note, removes `out` and
 * fails. Returns 0 or an exit status. */
int link_and_check_notes(const struct options *, struct strvec *ld, const char *out);

/* ---- imports.c ---- */

struct import {
	const char *name;
	int called; /* referenced by a call (PLT slot) in the trial link */
};

/* Reads the undefined global symbols of a linked ELF file. Returns the count
 * and sets *out, or -1 with a diagnostic if the file is not a usable ELF. */
int read_imports(const char *path, struct import **out);
/* Writes the R21 stubs for `imports` as assembly into `path`. */
int write_import_stubs(const char *path, const struct import *, int n);

#endif
