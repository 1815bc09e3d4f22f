/* sfi-run: runs a sandboxed program (a module built by sfi-clang) with musl's system calls
 * served by libsfi_posix.
 *
 *   sfi-run [--dir HOST[:GUEST]]... [--dir-ro HOST[:GUEST]]... [--env K=V]... [--mem SIZE]
 *           [--stack SIZE] [--timeout SECONDS] [--layout compact|classic] module.sfi [args...]
 *
 * --layout classic: sfi_options.readonly_data, the slot layout with read-only rodata/RELRO and
 * a stack guard (docs/sandbox-abi.md R2); compact (the default) costs fewer kernel mappings.
 *
 * Exit status: the program's; 128 + signal number after a sandbox fault; 124 after a time
 * out; 70 when the module cannot be loaded (verification, format, imports) or run. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sfi/posix.h>

#define EXIT_SOFTWARE 70
#define EXIT_TIMEOUT 124

static const char *prog = "sfi-run";

static _Noreturn void usage(int status)
{
	fprintf(status ? stderr : stdout,
	        "usage: %s [--dir HOST[:GUEST]]... [--dir-ro HOST[:GUEST]]... [--env K=V]...\n"
	        "              [--mem SIZE] [--stack SIZE] [--timeout SECONDS] [--layout compact|classic]\n"
	        "              module.sfi [args...]\n",
	        prog);
	exit(status);
}

/* "64M", "1G", "4096" -> bytes; 0 on a malformed size. */
static uint64_t parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s)
		return 0;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end || v > (UINT64_MAX >> shift))
		return 0;
	return (uint64_t)v << shift;
}

struct grant {
	char *host, *guest;
	int readonly;
};

static const char *signame(int sig)
{
	const char *n = sigabbrev_np(sig);
	static char buf[32];
	snprintf(buf, sizeof buf, "SIG%s", n ? n : "?");
	return buf;
}

int main(int argc, char **argv)
{
	struct grant grants[64];
	int ngrants = 0;
	char **env = calloc((size_t)argc + 1, sizeof *env);
	int nenv = 0;
	sfi_options opt;
	sfi_options_init(&opt);
	opt.stack_size = 8u << 20; /* like a Linux process, not libsfi's 1 MiB default */
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			usage(0);
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (i + 1 >= argc)
			usage(2);
		const char *v = argv[++i];
		if (!strcmp(a, "--dir") || !strcmp(a, "--dir-ro")) {
			if (ngrants == 64) {
				fprintf(stderr, "%s: too many --dir options\n", prog);
				return 2;
			}
			char *h = strdup(v), *colon = strchr(h, ':');
			if (colon)
				*colon = 0;
			grants[ngrants++] = (struct grant){ h, colon ? colon + 1 : NULL,
			                                    !strcmp(a, "--dir-ro") };
		} else if (!strcmp(a, "--env")) {
			if (!strchr(v, '=')) {
				fprintf(stderr, "%s: --env wants K=V, not '%s'\n", prog, v);
				return 2;
			}
			env[nenv++] = (char *)v;
		} else if (!strcmp(a, "--mem")) {
			if (!(opt.memory_limit = parse_size(v))) {
				fprintf(stderr, "%s: bad --mem size '%s'\n", prog, v);
				return 2;
			}
		} else if (!strcmp(a, "--stack")) {
			if (!(opt.stack_size = parse_size(v))) {
				fprintf(stderr, "%s: bad --stack size '%s'\n", prog, v);
				return 2;
			}
		} else if (!strcmp(a, "--timeout")) {
			char *end;
			double s = strtod(v, &end);
			if (*end || !(s > 0) || s > 4e6) {
				fprintf(stderr, "%s: bad --timeout '%s'\n", prog, v);
				return 2;
			}
			opt.time_limit_ms = (uint32_t)(s * 1000 + 0.5);
		} else if (!strcmp(a, "--layout") && (!strcmp(v, "compact") || !strcmp(v, "classic"))) {
			opt.readonly_data = !strcmp(v, "classic");
		} else {
			usage(2);
		}
	}
	if (i >= argc)
		usage(2);
	const char *module = argv[i];

	int status = EXIT_SOFTWARE;
	sfi_sandbox *sb = NULL;
	sfi_posix *px = NULL;
	sfi_status st = sfi_sandbox_create(&opt, &sb);
	if (st) {
		fprintf(stderr, "%s: cannot create a sandbox: %s (%s)\n", prog, sfi_strerror(st),
		        sfi_last_error(NULL));
		goto out;
	}
	if (!(px = sfi_posix_create(sb))) {
		fprintf(stderr, "%s: out of memory\n", prog);
		goto out;
	}
	for (int g = 0; g < ngrants; g++) {
		int r = sfi_posix_grant(px, grants[g].host, grants[g].guest, grants[g].readonly);
		if (r) {
			fprintf(stderr, "%s: cannot grant '%s': %s\n", prog, grants[g].host, strerror(-r));
			status = 2;
			goto out;
		}
	}
	if ((st = sfi_sandbox_load_file(sb, module))) {
		fprintf(stderr, "%s: %s: %s: %s\n", prog, module, sfi_strerror(st), sfi_last_error(sb));
		goto out;
	}
	int code = 0;
	st = sfi_posix_run_main(px, argc - i, argv + i, env, &code);
	if (st == SFI_OK || st == SFI_ERR_EXITED) {
		status = code;
	} else if (st == SFI_ERR_FAULT) {
		sfi_fault_info fi;
		if (sfi_fault_info_get(sb, &fi) == SFI_OK) {
			fprintf(stderr, "%s: %s: fault at 0x%llx (pc 0x%llx): %s\n", prog, module,
			        (unsigned long long)fi.addr, (unsigned long long)fi.pc, signame(fi.signo));
			status = 128 + fi.signo;
		} else {
			fprintf(stderr, "%s: %s: fault\n", prog, module);
			status = 128 + SIGSEGV;
		}
	} else if (st == SFI_ERR_TIMEOUT) {
		fprintf(stderr, "%s: %s: timed out after %.3f s\n", prog, module,
		        opt.time_limit_ms / 1000.0);
		status = EXIT_TIMEOUT;
	} else {
		fprintf(stderr, "%s: %s: %s: %s\n", prog, module, sfi_strerror(st), sfi_last_error(sb));
	}
	fflush(stdout);
out:
	sfi_posix_destroy(px);
	if (sb)
		sfi_sandbox_destroy(sb);
	for (int g = 0; g < ngrants; g++)
		free(grants[g].host);
	free(env);
	return status;
}
