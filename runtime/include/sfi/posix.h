/* libsfi_posix: a deny-by-default POSIX system-call layer for sfi sandboxes.
 *
 * It implements, in the host, the Linux system calls that musl (built into the sandbox sysroot,
 * docs/runtime.md) needs for ordinary single-threaded programs: files below granted
 * directories only, anonymous memory inside the slot's heap area, clocks, exit. Everything
 * else fails with -ENOSYS. It is the system-call hook of libsfi (sfi_set_syscall_handler).
 *
 * Use:
 *     sfi_posix *px = sfi_posix_create(sb);            // installs the hook; before loading
 *     sfi_posix_grant(px, "/srv/data", "/data", 0);    // optional, any number
 *     sfi_sandbox_load_file(sb, "prog.sfi");
 *     int code; sfi_status st = sfi_posix_run_main(px, argc, argv, envp, &code);
 *     sfi_posix_destroy(px);                           // before sfi_sandbox_destroy
 *
 * One sfi_posix per sandbox. After sfi_sandbox_reset() destroy it and create a new one (the
 * memory it tracked is gone). Not thread-safe beyond what R25 already implies. */
#ifndef SFI_POSIX_H
#define SFI_POSIX_H

#include <sfi/sfi.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sfi_posix sfi_posix;

/* Creates the layer for sb and installs it as sb's system-call handler. Guest fds 0, 1 and 2
 * are the host's. NULL on out of memory. The environment variable SFI_TRACE_SYSCALLS=1 logs
 * denied/unknown system calls to stderr, =2 logs every system call. */
sfi_posix *sfi_posix_create(sfi_sandbox *sb);

/* Restores sb's default handler, closes every guest fd (never the host's 0-2) and frees. */
void sfi_posix_destroy(sfi_posix *px);

/* Grants the sandbox the directory host_dir (and everything below it) under the absolute
 * guest path guest_path (NULL: the same path as host_dir, made absolute). readonly forbids
 * every change. Lookups are confined with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS).
 * The first grant is also the initial working directory. Returns 0 or -errno. */
int sfi_posix_grant(sfi_posix *px, const char *host_dir, const char *guest_path, int readonly);

/* Runs the program's main (via the crt export __sfi_start, docs/runtime.md): copies argv,
 * envp and an auxiliary vector into the sandbox and calls it. On SFI_OK or SFI_ERR_EXITED
 * *exit_code holds the program's status (what main returned or exit() got). Other statuses are
 * sfi_call's (SFI_ERR_FAULT, SFI_ERR_TIMEOUT, ...) or SFI_ERR_NOT_FOUND (no __sfi_start). */
sfi_status sfi_posix_run_main(sfi_posix *px, int argc, char *const argv[], char *const envp[],
                              int *exit_code);

/* The handler itself, for hosts that want to wrap it (user = the sfi_posix). */
int64_t sfi_posix_syscall(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *user);

#ifdef __cplusplus
}
#endif
#endif
