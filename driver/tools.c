/* Finding the tools and the sysroot.
 *
 * Order for each: the environment variable (SFI_CLANG, SFI_AS,
 * SFI_PASS_PLUGIN, SFI_LD, SFI_SYSROOT), then an install layout next to the
 * sfi-clang binary, then the path CMake baked in for the build tree
 * (SFI_BUILD_* in CMakeLists.txt), then a bare name looked up in PATH.
 * Install layout first so that an installed copy never picks up a stale
 * build tree. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sfi-clang.h"

#ifndef SFI_BUILD_AS
#define SFI_BUILD_AS ""
#endif
#ifndef SFI_BUILD_PASS
#define SFI_BUILD_PASS ""
#endif
#ifndef SFI_BUILD_SYSROOT
#define SFI_BUILD_SYSROOT ""
#endif

/* The sysroot's headers are musl's; without one we compile against the
 * host's glibc headers, whose multiarch directory clang only searches for
 * the -gnu triple. Both triples mean LP64 System V Linux (R1). */
#define TRIPLE_MUSL "x86_64-linux-musl"
#define TRIPLE_HOST "x86_64-linux-gnu"

static const char *exe_dir(void)
{
	static char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = 0;
	char *slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	return buf;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

static const char *first_file(const char *const *candidates, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (candidates[i] && *candidates[i] && file_exists(candidates[i]))
			return candidates[i];
	return NULL;
}

/* Where exec would find `prog`, or NULL. */
static const char *which(const char *prog)
{
	if (strchr(prog, '/'))
		return prog;
	const char *path = getenv("PATH");
	for (const char *p = path ? path : ""; *p;) {
		size_t n = strcspn(p, ":");
		const char *cand = xasprintf("%.*s/%s", (int)n, n ? p : ".", prog);
		if (access(cand, X_OK) == 0)
			return cand;
		p += n + (p[n] == ':');
	}
	return NULL;
}

/* SFI_CLANG=sfi-clang would make every compile start another driver. */
static int is_self(const char *prog)
{
	const char *path = which(prog);
	struct stat a, b;
	return path && stat(path, &a) == 0 && stat("/proc/self/exe", &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

void find_tools(struct tools *t, const struct options *o)
{
	const char *dir = exe_dir();
	const char *d = dir ? dir : "/nonexistent";

	t->clang = env("SFI_CLANG") ? env("SFI_CLANG") : "clang-19";
	t->ld = env("SFI_LD") ? env("SFI_LD") : "ld.lld-19";
	if (is_self(t->clang))
		fatal("SFI_CLANG names sfi-clang itself; it must name clang-19");

	t->sfi_as = env("SFI_AS");
	if (!t->sfi_as) {
		const char *c[] = { xasprintf("%s/sfi-as", d), SFI_BUILD_AS };
		t->sfi_as = first_file(c, 2);
	}
	if (!t->sfi_as)
		t->sfi_as = "sfi-as";

	t->plugin = env("SFI_PASS_PLUGIN");
	if (!t->plugin) {
		const char *c[] = {
			xasprintf("%s/libSfiPass.so", d),
			xasprintf("%s/../lib/libSfiPass.so", d),
			xasprintf("%s/../lib/sfi/libSfiPass.so", d),
			SFI_BUILD_PASS,
		};
		t->plugin = first_file(c, 4);
	}

	/* An explicitly named sysroot must exist: silently compiling against
	 * host headers instead would be a nasty surprise. The defaults may be
	 * missing (the runtime is not built yet): then we fall back. */
	const char *explicit_root = o->sysroot_opt ? o->sysroot_opt : env("SFI_SYSROOT");
	t->sysroot = NULL;
	if (explicit_root) {
		t->sysroot_wanted = explicit_root;
		if (!dir_exists(xasprintf("%s/include", explicit_root)))
			fatal("sysroot '%s' has no include/ directory", explicit_root);
		t->sysroot = explicit_root;
	} else {
		const char *c[] = { xasprintf("%s/../sysroot", d), SFI_BUILD_SYSROOT };
		t->sysroot_wanted = *SFI_BUILD_SYSROOT ? SFI_BUILD_SYSROOT : c[0];
		for (size_t i = 0; i < 2 && !t->sysroot; i++)
			if (*c[i] && dir_exists(xasprintf("%s/include", c[i])))
				t->sysroot = c[i];
	}
	t->triple = t->sysroot ? TRIPLE_MUSL : TRIPLE_HOST;
}

void print_tools(const struct tools *t)
{
	fprintf(stderr, "clang: %s\n", t->clang);
	fprintf(stderr, "sfi-as: %s\n", t->sfi_as);
	fprintf(stderr, "pass plugin: %s\n", t->plugin ? t->plugin : "(not found)");
	fprintf(stderr, "linker: %s\n", t->ld);
	if (t->sysroot)
		fprintf(stderr, "sysroot: %s\n", t->sysroot);
	else
		fprintf(stderr, "sysroot: none (looked at %s); compiling against host headers, "
		                "linking needs -nostdlib\n", t->sysroot_wanted);
	fprintf(stderr, "target: %s\n", t->triple);
}
