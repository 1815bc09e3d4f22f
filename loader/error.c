/* Status names and error detail text. Detail is per sandbox (sb->err) or, when there is no
 * sandbox yet, per thread. */
#include "internal.h"

#include <stdio.h>

static __thread char thread_err[512] SFI_TLS;

const char *sfi_strerror(sfi_status s) {
    switch (s) {
    case SFI_OK: return "success";
    case SFI_ERR_ARG: return "invalid argument";
    case SFI_ERR_NOMEM: return "out of memory or address space";
    case SFI_ERR_IO: return "cannot read module";
    case SFI_ERR_BAD_MODULE: return "malformed module";
    case SFI_ERR_VERIFY: return "module failed verification";
    case SFI_ERR_POLICY: return "module policy not allowed";
    case SFI_ERR_IMPORT: return "unresolved import";
    case SFI_ERR_NOT_FOUND: return "no such export";
    case SFI_ERR_FAULT: return "sandbox fault";
    case SFI_ERR_TIMEOUT: return "sandbox call timed out";
    case SFI_ERR_EXITED: return "sandbox exited";
    case SFI_ERR_BUSY: return "sandbox busy";
    case SFI_ERR_STATE: return "sandbox in wrong state";
    case SFI_ERR_LIMIT: return "sandbox memory limit exceeded";
    case SFI_ERR_SYSTEM: return "system error";
    }
    return "unknown status";
}

void sfi__errf(char *buf, size_t len, const char *fmt, ...) {
    if (!buf || !len) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
}

sfi_status sfi__fail(struct sfi_sandbox *sb, sfi_status st, const char *fmt, ...) {
    char *buf = sb ? sb->err : thread_err;
    size_t len = sb ? sizeof sb->err : sizeof thread_err;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
    if (sb) snprintf(thread_err, sizeof thread_err, "%s", sb->err);
    return st;
}

sfi_status sfi__thread_fail(sfi_status st, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(thread_err, sizeof thread_err, fmt, ap);
    va_end(ap);
    return st;
}

const char *sfi_last_error(const sfi_sandbox *sb) { return sb ? sb->err : thread_err; }
