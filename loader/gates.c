/* The gate page (R19) and the C half of the callback and syscall gates.
 *
 * Each gate is one 32-byte bundle:
 *     fc                      cld                     (R19: DF = 0 before host code)
 *     41 bb <k:4>             movl $k, %r11d          (callback gates only: import index)
 *     64 ff 24 25 <off:4>     jmpq *%fs:off           (off: sfi__tls_gate[kind] in host TLS)
 *     f4 ...                  hlt padding
 * Unused bundles of the gate pages are all hlt. The page holds no host address: the host
 * entry points live in host TLS, which the sandbox cannot address (R14 forbids %fs).
 *
 * After the callback gates come the entry sequence (bundle 2 + nimports) and its exit gate
 * (bundle 3 + nimports: gate 0's bytes, and a zero dword at offset 28 that it never reaches).
 * The entry sequence is one bundle:
 *     f4 f4                   hlt: a sandbox jump to this bundle start faults
 *     db 05 34 00 00 00       fildl 52(%rip)          x87 scrub (R22): load the zero dword, then
 *     d9 ee (7 times)         fldz                     overwrite the other seven x87/MMX
 *     0f 77                   emms                     registers and tag all eight empty
 *     83 e0 e0                andl $-32, %eax         (R9 mask: the target stays a bundle
 *     4c 01 f8                addq %r15, %rax          of this slot whatever the host passed)
 *     ff d0                   callq *%rax             (pushes the next bundle: the exit gate)
 * The entry stub (entry.S) jumps to the fildl through %r11 with the export in %rax and the
 * host's x87 stack empty (SysV). The export's return (R10: pop, mask, push, ret) goes to the
 * address this call pushed, which the CPU's return predictor has on top of its stack: the
 * return to the host is predicted, and the host's own calls and returns stay paired because
 * the stub entered with a jump. Running the scrub here leaves the x87 last-instruction and
 * last-operand pointers (readable with fnstenv) in this gate page: no host address. The
 * sequence is reachable only from the host: sandbox jumps, calls and returns land on bundle
 * starts (R7, R9, R10), and this one is hlt. Were it reached anyway, it would be x87 loads of
 * the gate page and a masked call into the slot, nothing sandbox code cannot do itself. */
#include "internal.h"

#include <errno.h>
#include <string.h>

__thread struct sfi_ctx *sfi__tls_cur SFI_TLS;
__thread uintptr_t sfi__tls_gate[3] SFI_TLS;

static int32_t gate_off[3];
static int gate_off_ok;

/* Called by sfi_runtime_init: the offset of sfi__tls_gate[] from the thread pointer is the
 * same in every thread (initial-exec TLS), so it can be baked into the gate bytes. */
sfi_status sfi__gates_init(void) {
    uintptr_t tp;
    __asm__("movq %%fs:0, %0" : "=r"(tp)); /* x86-64 TCB: %fs:0 holds the thread pointer */
    for (int k = 0; k < 3; k++) {
        intptr_t off = (intptr_t)&sfi__tls_gate[k] - (intptr_t)tp;
        if (off < INT32_MIN || off > INT32_MAX) return SFI_ERR_SYSTEM;
        gate_off[k] = (int32_t)off;
    }
    gate_off_ok = 1;
    return SFI_OK;
}

static void emit_gate(uint8_t *g, int kind, uint32_t k) {
    size_t n = 0;
    g[n++] = 0xfc;
    if (kind == GATE_KIND_CALLBACK) {
        g[n++] = 0x41;
        g[n++] = 0xbb;
        memcpy(g + n, &k, 4);
        n += 4;
    }
    g[n++] = 0x64;
    g[n++] = 0xff;
    g[n++] = 0x24;
    g[n++] = 0x25;
    memcpy(g + n, &gate_off[kind], 4);
}

static const uint8_t entry_seq[] = {
    0xdb, 0x05, 0x34, 0x00, 0x00, 0x00,                         /* fildl 52(%rip): zero_dword */
    0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, /* fldz x 7 */
    0xd9, 0xee, 0xd9, 0xee,
    0x0f, 0x77,                                                 /* emms */
    0x83, 0xe0, 0xe0,                                           /* andl $-32, %eax */
    0x4c, 0x01, 0xf8,                                           /* addq %r15, %rax */
    0xff, 0xd0,                                                 /* callq *%rax */
};
_Static_assert(sizeof entry_seq + GATE_ENTRY_SEQ_OFF == SFI_BUNDLE,
               "the entry sequence's call ends at the bundle boundary, where its exit gate starts");
/* where the fildl's operand is: in the exit gate's bundle, after its jmp (never executed) */
#define ZERO_DWORD_OFF 28
_Static_assert(GATE_ENTRY_SEQ_OFF + 6 + 0x34 == SFI_BUNDLE + ZERO_DWORD_OFF, "fildl operand");

sfi_status sfi__gates_build(uint8_t *page, size_t len, size_t nimports, char *err, size_t errlen) {
    if (!gate_off_ok || (SFI_GATES_FIXED + nimports) * SFI_BUNDLE > len) {
        sfi__errf(err, errlen, "gate page: internal error");
        return SFI_ERR_SYSTEM;
    }
    memset(page, 0xf4, len);
    emit_gate(page + 0 * SFI_BUNDLE, GATE_KIND_EXIT, 0);
    emit_gate(page + 1 * SFI_BUNDLE, GATE_KIND_SYSCALL, 0);
    for (size_t k = 0; k < nimports; k++)
        emit_gate(page + (2 + k) * SFI_BUNDLE, GATE_KIND_CALLBACK, (uint32_t)k);
    memcpy(page + (2 + nimports) * SFI_BUNDLE + GATE_ENTRY_SEQ_OFF, entry_seq, sizeof entry_seq);
    emit_gate(page + (3 + nimports) * SFI_BUNDLE, GATE_KIND_EXIT, 0);
    memset(page + (3 + nimports) * SFI_BUNDLE + ZERO_DWORD_OFF, 0, 4);
    return SFI_OK;
}

/* After host code ran inside a gate: must the gate return into the sandbox, or end the call? */
static void check_abort(struct sfi_ctx *ctx) {
    struct sfi_sandbox *sb = ctx->sb;
    if (sb->state != SFI_STATE_DEAD) {
        if (sb->exit_requested) {
            sb->state = SFI_STATE_DEAD;
            sb->dead_status = SFI_ERR_EXITED;
        } else if (ctx->deadline_ns && sfi__now_ns() >= ctx->deadline_ns) {
            sb->state = SFI_STATE_DEAD;
            sb->dead_status = SFI_ERR_TIMEOUT;
        }
    }
    if (sb->state == SFI_STATE_DEAD) {
        ctx->status = sb->dead_status;
        ctx->abort = 1;
    }
}

bool sfi_call_ending(void) {
    const struct sfi_ctx *ctx = sfi__tls_cur;
    if (!ctx) return false;
    const struct sfi_sandbox *sb = ctx->sb;
    /* what check_abort will find when the host code returns to the gate */
    return sb->state == SFI_STATE_DEAD || sb->exit_requested ||
           (ctx->deadline_ns && sfi__now_ns() >= ctx->deadline_ns);
}

uint64_t sfi__callback_dispatch(struct sfi_ctx *ctx, uint32_t idx, sfi_callback_args *args);
uint64_t sfi__callback_dispatch(struct sfi_ctx *ctx, uint32_t idx, sfi_callback_args *args) {
    struct sfi_sandbox *sb = ctx->sb;
    uint64_t r = 0;
    check_abort(ctx); /* e.g. the deadline passed while the sandbox ran */
    if (ctx->abort) return 0;
    if (idx >= sb->mod->nimports || !sb->bound[idx].fn) { /* cannot happen: unused gates are hlt */
        sb->state = SFI_STATE_DEAD;
        sb->dead_status = SFI_ERR_FAULT;
    } else {
        r = sb->bound[idx].fn(sb, args, sb->bound[idx].user);
    }
    check_abort(ctx);
    return r;
}

int64_t sfi__syscall_dispatch(struct sfi_ctx *ctx, uint64_t nr, const uint64_t *args);
int64_t sfi__syscall_dispatch(struct sfi_ctx *ctx, uint64_t nr, const uint64_t *args) {
    struct sfi_sandbox *sb = ctx->sb;
    check_abort(ctx);
    if (ctx->abort) return 0;
    sfi_syscall_fn fn = sb->sys_fn ? sb->sys_fn : sfi_default_syscall_handler;
    int64_t r = fn(sb, nr, args, sb->sys_user);
    check_abort(ctx);
    return r;
}

int64_t sfi_default_syscall_handler(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *user) {
    (void)user;
    if (nr == 60 || nr == 231) { /* exit, exit_group */
        sfi_request_exit(sb, (int)args[0]);
        return 0;
    }
    return -ENOSYS;
}

void sfi_request_exit(sfi_sandbox *sb, int code) {
    if (!sb) return;
    sb->exit_code = code;
    sb->exit_requested = 1;
}

sfi_status sfi_exit_code(const sfi_sandbox *sb, int *code) {
    if (!sb || !code) return SFI_ERR_ARG;
    if (sb->state != SFI_STATE_DEAD || sb->dead_status != SFI_ERR_EXITED) return SFI_ERR_STATE;
    *code = sb->exit_code;
    return SFI_OK;
}
