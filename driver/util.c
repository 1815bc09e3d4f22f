/* Small helpers: growable string vectors, allocation that cannot fail,
 * file tests and the clang-style diagnostics ("sfi-clang: error: ..."). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sfi-clang.h"

int error_count;

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fatal("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fatal("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format");
	char *s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void sv_push(struct strvec *sv, const char *s)
{
	/* One spare slot so sv_terminate never has to grow. */
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? 2 * sv->cap : 16;
		sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
}

void sv_pushv(struct strvec *sv, const struct strvec *from)
{
	for (size_t i = 0; i < from->n; i++)
		sv_push(sv, from->v[i]);
}

void sv_terminate(struct strvec *sv)
{
	sv_push(sv, NULL);
	sv->n--;
}

int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *strip_ext(const char *path)
{
	char *s = xstrdup(path);
	char *base = s + (base_name(s) - s);
	char *dot = strrchr(base, '.');
	if (dot && dot != base) /* ".profile" has no extension */
		*dot = 0;
	return s;
}

int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void diag(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "sfi-clang: %s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag("warning", fmt, ap);
	va_end(ap);
}

void note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag("note", fmt, ap);
	va_end(ap);
}

void error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag("error", fmt, ap);
	va_end(ap);
	error_count++;
}

_Noreturn void fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag("error", fmt, ap);
	va_end(ap);
	exit(1); /* atexit handler removes temporaries */
}
