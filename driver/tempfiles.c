/* Temporary files: unique names from mkstemps (parallel make runs many
 * drivers in one directory), removed at exit and on the usual fatal signals
 * whatever happened, kept only under -save-temps. */
#define _DEFAULT_SOURCE /* mkstemps */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfi-clang.h"

/* Fixed capacity: the signal handler must not walk a list realloc() might be
 * moving. A driver run makes a few files per input. */
#define MAX_TEMPS 4096
static const char *temps[MAX_TEMPS];
static volatile size_t ntemps;

static void cleanup(void)
{
	for (size_t i = 0; i < ntemps; i++)
		if (temps[i])
			unlink(temps[i]);
}

static void on_signal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

void install_cleanup(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
	atexit(cleanup);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa = { .sa_handler = on_signal };
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

static void remember(const char *path)
{
	if (ntemps == MAX_TEMPS)
		fatal("too many temporary files");
	temps[ntemps] = path;
	ntemps++;
}

static const char *create(const char *templ, int suffixlen)
{
	char *path = xstrdup(templ);
	int fd = mkstemps(path, suffixlen);
	if (fd < 0)
		fatal("cannot create temporary file '%s': %s", templ, strerror(errno));
	close(fd);
	return path;
}

const char *make_temp(const struct options *o, const char *stem, const char *suffix)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	const char *path;
	if (o->save_temps) {
		/* In the cwd, named after the input, like clang -save-temps; the
		 * random part keeps parallel builds apart. */
		path = create(xasprintf("%s-XXXXXX%s", stem, suffix), (int)strlen(suffix));
		if (o->verbose)
			note("keeping temporary file '%s'", path);
		return path;
	}
	path = create(xasprintf("%s/%s-XXXXXX%s", dir, stem, suffix), (int)strlen(suffix));
	remember(path);
	return path;
}

const char *make_temp_beside(const char *path)
{
	const char *base = base_name(path);
	const char *tmp = create(xasprintf("%.*s.%s-sfi-XXXXXX", (int)(base - path), path, base), 0);
	remember(tmp);
	return tmp;
}

void temp_forget(const char *path)
{
	for (size_t i = 0; i < ntemps; i++)
		if (temps[i] && strcmp(temps[i], path) == 0)
			temps[i] = NULL;
}
