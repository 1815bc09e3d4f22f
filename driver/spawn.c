/* Running the tools. Commands are printed the way clang -v / -### prints its
 * jobs (each argument double-quoted, on stderr), so logs of builds that use
 * sfi-clang read like logs of builds that use clang. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "sfi-clang.h"

extern char **environ;

void print_command(const struct strvec *argv)
{
	for (size_t i = 0; i < argv->n; i++) {
		fputs(" \"", stderr);
		for (const char *p = argv->v[i]; *p; p++) {
			if (*p == '"' || *p == '\\' || *p == '$')
				fputc('\\', stderr);
			fputc(*p, stderr);
		}
		fputc('"', stderr);
	}
	fputc('\n', stderr);
}

int run(const struct options *o, struct strvec *argv)
{
	if (o->verbose || o->dry_run)
		print_command(argv);
	if (o->dry_run)
		return 0;
	fflush(stdout); /* the child shares our stdout (-E) */
	sv_terminate(argv);
	pid_t pid;
	int err = posix_spawnp(&pid, argv->v[0], NULL, NULL, (char *const *)argv->v, environ);
	if (err) {
		error("unable to execute command '%s': %s", argv->v[0], strerror(err));
		if (err == ENOENT)
			note("set SFI_CLANG, SFI_AS or SFI_LD, or put the tool in PATH");
		return 1;
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			error("waitpid: %s", strerror(errno));
			return 1;
		}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status)) {
		error("unable to execute command: %s terminated by signal %d (%s)",
		      base_name(argv->v[0]), WTERMSIG(status), strsignal(WTERMSIG(status)));
		return 1;
	}
	return 1;
}
