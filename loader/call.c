/* Host -> sandbox calls: argument marshalling, ownership (R25), nesting, time limits, and
 * turning what the trampolines report into a status. */
#include "internal.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

sfi_status sfi_lookup(sfi_sandbox *sb, const char *name, sfi_func *out) {
    if (!sb || !name || !out) return SFI_ERR_ARG;
    if (!sb->mod) return sfi__fail(sb, SFI_ERR_STATE, "no module loaded");
    const struct sfi_export *e = sfi__module_find_export(sb->mod, name);
    if (!e) return sfi__fail(sb, SFI_ERR_NOT_FOUND, "module has no export '%s'", name);
    *out = sb->image + e->vaddr;
    return SFI_OK;
}

static const char *signame(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGTRAP: return "SIGTRAP";
    }
    return "signal";
}

/* ---- the call path ----
 * sfi_call is a thin C function around the entry stub. Its fast path (a READY sandbox, a
 * valid target, good arguments) does: a few compares, the argument registers, one relaxed
 * load of the owner (plus one compare-and-swap on the outermost entry only), one store of the
 * exit gate address to the sandbox stack, a handful of stores into the context, the stub, and
 * one plain release store. No system call, no lock, no TLS call (initial-exec TLS), no
 * memset of the context. Everything that formats a message is out of line. */

__attribute__((noinline, cold)) static sfi_status call_not_ready(sfi_sandbox *sb) {
    if (sb->state == SFI_STATE_DEAD)
        return sfi__fail(sb, sb->dead_status, "sandbox is dead (%s); reset it",
                         sfi_strerror(sb->dead_status));
    return sfi__fail(sb, SFI_ERR_STATE, "no module loaded");
}

__attribute__((noinline, cold)) static sfi_status bad_arg(sfi_sandbox *sb, const sfi_value *args,
                                                          size_t nargs) {
    size_t ni = 0, nf = 0;
    if (nargs && !args) return SFI_ERR_ARG;
    for (size_t i = 0; i < nargs; i++) {
        switch (args[i].type) {
        case SFI_TYPE_I32:
        case SFI_TYPE_I64:
        case SFI_TYPE_PTR:
            if (ni++ == 6) return sfi__fail(sb, SFI_ERR_ARG, "more than 6 integer arguments");
            if (args[i].type == SFI_TYPE_PTR && args[i].v.ptr && args[i].v.ptr - sb->base >= SFI_SLOT_SIZE)
                return sfi__fail(sb, SFI_ERR_ARG, "argument %zu: 0x%llx is not a sandbox address", i,
                                 (unsigned long long)args[i].v.ptr);
            break;
        case SFI_TYPE_F32:
        case SFI_TYPE_F64:
            if (nf++ == 8) return sfi__fail(sb, SFI_ERR_ARG, "more than 8 floating-point arguments");
            break;
        default: return sfi__fail(sb, SFI_ERR_ARG, "argument %zu has a bad type", i);
        }
    }
    return sfi__fail(sb, SFI_ERR_ARG, "bad arguments");
}

/* An integer argument's register value; nonzero: not an integer, or a host pointer (refused:
 * passing one would leak host layout, and is a bug). */
static inline int int_arg(const sfi_sandbox *sb, const sfi_value *a, uint64_t *v) {
    switch (a->type) {
    case SFI_TYPE_I32: *v = (uint64_t)(int64_t)a->v.i32; return 0;
    case SFI_TYPE_I64: *v = (uint64_t)a->v.i64; return 0;
    case SFI_TYPE_PTR: *v = a->v.ptr; return *v && *v - sb->base >= SFI_SLOT_SIZE;
    default: return 1;
    }
}

/* 0 on success; nonzero: call bad_arg() for the status and message. */
static inline int marshal(const sfi_sandbox *sb, const sfi_value *args, size_t nargs,
                          struct sfi_entry_regs *r) {
    unsigned ni = 0, nf = 0;
    for (unsigned k = 0; k < 6; k++) r->gpr[k] = 0;
    for (unsigned k = 0; k < 8; k++) r->xmm[k] = 0;
    r->nfp = 0;
    if (nargs && !args) return 1;
    for (size_t i = 0; i < nargs; i++) {
        const sfi_value *a = &args[i];
        uint64_t v;
        switch (a->type) {
        case SFI_TYPE_I32:
        case SFI_TYPE_I64:
        case SFI_TYPE_PTR:
            if (int_arg(sb, a, &v) || ni == 6) return 1;
            r->gpr[ni++] = v;
            break;
        case SFI_TYPE_F32:
            if (nf == 8) return 1;
            memcpy(&r->xmm[nf++], &a->v.f32, 4);
            break;
        case SFI_TYPE_F64:
            if (nf == 8) return 1;
            memcpy(&r->xmm[nf++], &a->v.f64, 8);
            break;
        default: return 1;
        }
    }
    r->nfp = nf;
    return 0;
}

/* out: the sandbox's %rax and %xmm0 (enter()) */
static inline void read_ret(const uint64_t out[2], sfi_value *ret) {
    switch (ret->type) {
    case SFI_TYPE_I32: ret->v.i32 = (int32_t)out[0]; break;
    case SFI_TYPE_I64: ret->v.i64 = (int64_t)out[0]; break;
    case SFI_TYPE_PTR: ret->v.ptr = out[0]; break;
    case SFI_TYPE_F32: memcpy(&ret->v.f32, &out[1], 4); break;
    case SFI_TYPE_F64: memcpy(&ret->v.f64, &out[1], 8); break;
    default: break;
    }
}

/* The call was cut short: the sandbox's state is inconsistent (locks held, half-done
 * updates), so it is dead until reset. */
__attribute__((noinline, cold)) static sfi_status call_failed(sfi_sandbox *sb, struct sfi_ctx *ctx) {
    sfi_status st = ctx->status;
    if (sb->state != SFI_STATE_DEAD) {
        sb->state = SFI_STATE_DEAD;
        sb->dead_status = st;
    }
    if (st == SFI_ERR_FAULT && ctx->fault.signo) {
        sb->fault = ctx->fault;
        sb->has_fault = 1;
        uint64_t img = sb->image;
        if (ctx->fault.pc - sb->base >= SFI_SLOT_SIZE) /* a trampoline window (fault.c) */
            return sfi__fail(sb, st, "%s (si_code %d) in a libsfi gate on the sandbox's behalf: %s",
                             signame(ctx->fault.signo), ctx->fault.code,
                             ctx->fault.signo == SIGFPE
                                 ? "the sandbox left an unmasked x87 exception pending"
                                 : "the sandbox's stack pointer was not usable at a gate return");
        return sfi__fail(sb, st, "%s (si_code %d) at sandbox address 0x%llx (offset 0x%llx), pc 0x%llx "
                         "(module vaddr 0x%llx)", signame(ctx->fault.signo), ctx->fault.code,
                         (unsigned long long)ctx->fault.addr,
                         (unsigned long long)(ctx->fault.addr - sb->base),
                         (unsigned long long)ctx->fault.pc,
                         (unsigned long long)(ctx->fault.pc - img));
    }
    if (st == SFI_ERR_TIMEOUT)
        return sfi__fail(sb, st, "call exceeded the time limit of %u ms", sb->opt.time_limit_ms);
    if (st == SFI_ERR_EXITED) return sfi__fail(sb, st, "sandbox exited with code %d", sb->exit_code);
    return sfi__fail(sb, st, "sandbox call ended: %s", sfi_strerror(st));
}

__attribute__((noinline, cold)) static sfi_status thread_init_failed(sfi_sandbox *sb, sfi_status st) {
    return sfi__fail(sb, st, "%s", sfi_last_error(NULL));
}

/* The checks every call starts with; nonzero: the status to return. */
__attribute__((always_inline)) static inline sfi_status check_call(sfi_sandbox *sb, uint64_t target) {
    if (__builtin_expect(!sb, 0)) return SFI_ERR_ARG;
    if (__builtin_expect(sb->state != SFI_STATE_READY, 0)) return call_not_ready(sb);
    /* Any bundle start of the verified code is a safe entry (R5); nothing else is. */
    if (__builtin_expect(target - sb->code_lo >= sb->code_len || target % SFI_BUNDLE, 0))
        return sfi__fail(sb, SFI_ERR_ARG, "0x%llx is not a bundle of the module's code",
                         (unsigned long long)target);
    sfi_status st;
    if (__builtin_expect(!sfi__self.init, 0) && (st = sfi__thread_init()))
        return thread_init_failed(sb, st);
    return SFI_OK;
}

/* R25: one thread at a time; the owner may nest. Only the owning thread ever stores its own
 * token into owner (by the CAS below or sfi_sandbox_bind_thread) or removes it (the release
 * store at the end of its outermost call, or sfi_sandbox_unbind_thread); other threads can only
 * replace 0. So a thread that reads its own token is already inside (a nested call) or holds
 * the binding, and needs no atomic read-modify-write. Any other value, or 0, goes through one
 * compare-and-swap 0 -> me, which fails if another thread got there first. The CAS (acquire)
 * pairs with the previous owner's release store, so this thread sees everything that owner
 * wrote to the sandbox. Returns 0 when this thread may enter. */
static inline int acquire_owner(sfi_sandbox *sb, uintptr_t me) {
    if (atomic_load_explicit(&sb->owner, memory_order_relaxed) == me) return 0;
    uintptr_t expected = 0;
    return !atomic_compare_exchange_strong_explicit(&sb->owner, &expected, me, memory_order_acquire,
                                                    memory_order_relaxed);
}

__attribute__((noinline, cold)) static sfi_status busy(sfi_sandbox *sb) {
    return sfi__fail(sb, SFI_ERR_BUSY, "another thread is inside this sandbox or bound to it (R25)");
}

/* Everything after check_call and the argument registers: ownership (R25), the stack, the
 * context, the time limit and the entry stub. On SFI_OK, out[0] is the sandbox's %rax and
 * out[1] the low 64 bits of its %xmm0. */
__attribute__((always_inline)) static inline sfi_status enter(sfi_sandbox *sb, struct sfi_entry_regs *regs, uint64_t out[2]) {
    if (__builtin_expect(acquire_owner(sb, sfi__thread_token()), 0)) return busy(sb);

    /* Stack: the top of the stack for an outermost call (mapped R+W for as long as the
     * sandbox is READY: sfi_sandbox_map/unmap only touch the heap range); below the sandbox's
     * own %rsp (saved by the callback gate, sandbox-controlled, so checked) for a nested one.
     * sp is 16-byte aligned; the entry sequence's call pushes the exit gate below it (R22). */
    struct sfi_ctx *outer = sb->active;
    uint64_t sp;
    if (!outer) {
        sp = sb->stack_end;
    } else {
        sp = outer->sbx_rsp & ~UINT64_C(15);
        if (!sfi__region_check(sb, sp - 8, 8, SFI_PROT_READ | SFI_PROT_WRITE))
            return sfi__fail(sb, SFI_ERR_FAULT, "sandbox stack pointer 0x%llx is not in writable memory",
                             (unsigned long long)sp);
    }
    regs->sp = sp;
    regs->entry = sb->entry_seq;

    struct sfi_ctx ctx;
    ctx.base = sb->base;
    ctx.abort = 0;
    ctx.sb = sb;
    ctx.sb_prev = outer;
    ctx.status = SFI_OK;
    ctx.fault.signo = 0;
    struct sfi_ctx *parent = sfi__tls_cur;
    uint64_t parent_deadline = parent ? parent->deadline_ns : 0;
    ctx.deadline_ns = parent_deadline;
    if (sb->opt.time_limit_ms) {
        uint64_t d = sfi__now_ns() + (uint64_t)sb->opt.time_limit_ms * 1000000u;
        if (!ctx.deadline_ns || d < ctx.deadline_ns) ctx.deadline_ns = d;
        if (ctx.deadline_ns != parent_deadline) sfi__timer_arm(ctx.deadline_ns);
    }

    sb->active = &ctx;

    out[0] = sfi__enter(&ctx, regs);

    sb->active = outer;
    if (__builtin_expect(ctx.deadline_ns != parent_deadline, 0)) {
        if (parent_deadline) sfi__timer_arm(parent_deadline);
        else sfi__timer_disarm();
    }
    /* A failed call marks the sandbox dead (call_failed) before it gives the sandbox back:
     * another thread must not find it READY in the state the failure left it in. */
    sfi_status st = SFI_OK;
    if (__builtin_expect(ctx.status != SFI_OK, 0)) st = call_failed(sb, &ctx);
    if (!outer && !sb->owner_bound) atomic_store_explicit(&sb->owner, 0, memory_order_release);
    out[1] = ctx.xmm0;
    return st;
}

sfi_status sfi__call_addr(sfi_sandbox *sb, uint64_t target, const sfi_value *args, size_t nargs,
                          sfi_value *ret) {
    sfi_status st = check_call(sb, target);
    if (__builtin_expect(st != SFI_OK, 0)) return st;
    struct sfi_entry_regs regs;
    if (__builtin_expect(marshal(sb, args, nargs, &regs), 0)) return bad_arg(sb, args, nargs);
    regs.target = target;
    uint64_t out[2];
    st = enter(sb, &regs, out);
    if (st == SFI_OK && ret) read_ret(out, ret);
    return st;
}

/* ---- the lean calls (sfi.h): no sfi_value, no name, integer or double registers only ---- */

/* sfi_call_i64 itself is trampolines/fast.S: the bound, outermost, untimed case in one
 * hand-written path. It jumps here, arguments untouched, for everything else. */
sfi_status sfi__call_i64_slow(sfi_sandbox *sb, sfi_func fn, uint64_t a0, uint64_t a1, uint64_t a2,
                              uint64_t a3, uint64_t a4, uint64_t a5, uint64_t *ret);
sfi_status sfi__call_i64_slow(sfi_sandbox *sb, sfi_func fn, uint64_t a0, uint64_t a1, uint64_t a2,
                              uint64_t a3, uint64_t a4, uint64_t a5, uint64_t *ret) {
    sfi_status st = check_call(sb, fn);
    if (__builtin_expect(st != SFI_OK, 0)) return st;
    struct sfi_entry_regs regs;
    regs.gpr[0] = a0;
    regs.gpr[1] = a1;
    regs.gpr[2] = a2;
    regs.gpr[3] = a3;
    regs.gpr[4] = a4;
    regs.gpr[5] = a5;
    regs.nfp = 0; /* the stub leaves every vector register zero */
    regs.target = fn;
    uint64_t out[2];
    st = enter(sb, &regs, out);
    if (st == SFI_OK && ret) *ret = out[0];
    return st;
}

/* fast.S: a fast call ended with ctx->status != SFI_OK (fault, timeout, exit). ctx is
 * sb->fast_ctx: what the failure wrote (status, abort, fault) is cleared for the next
 * outermost fast call, which finds it as sfi__fast_ctx_init left it. */
sfi_status sfi__call_fast_failed(sfi_sandbox *sb, struct sfi_ctx *ctx);
sfi_status sfi__call_fast_failed(sfi_sandbox *sb, struct sfi_ctx *ctx) {
    sfi_status st = call_failed(sb, ctx);
    sfi__fast_ctx_init(sb);
    return st;
}

void sfi__fast_ctx_init(struct sfi_sandbox *sb) {
    memset(&sb->fast_ctx, 0, sizeof sb->fast_ctx);
    sb->fast_ctx.base = sb->base;
    sb->fast_ctx.sb = sb;
}

/* The fields fast.S reads and writes (trampolines/sfi_ctx.h). */
_Static_assert(offsetof(struct sfi_ctx, sb) == CTX_SB, "fast.S: CTX_SB");
_Static_assert(offsetof(struct sfi_ctx, sb_prev) == CTX_SB_PREV, "fast.S: CTX_SB_PREV");
_Static_assert(offsetof(struct sfi_ctx, deadline_ns) == CTX_DEADLINE, "fast.S: CTX_DEADLINE");
_Static_assert(offsetof(struct sfi_ctx, status) == CTX_STATUS && sizeof(sfi_status) == 4 &&
               CTX_STATUS % 8 == 0 && offsetof(struct sfi_ctx, fault) >= CTX_STATUS + 8,
               "fast.S: CTX_STATUS (an 8-byte store clears it and its padding)");
_Static_assert(offsetof(struct sfi_ctx, abort) == CTX_ABORT && offsetof(struct sfi_ctx, xmm0) == CTX_ABORT + 8,
               "fast.S: CTX_ABORT (an 8-byte store clears it and pad1)");
_Static_assert(offsetof(struct sfi_ctx, fault.signo) == CTX_FAULT_SIGNO, "fast.S: CTX_FAULT_SIGNO");
_Static_assert(sizeof(struct sfi_ctx) == CTX_SIZE && CTX_SIZE % 16 == 0, "fast.S: CTX_SIZE");
_Static_assert(offsetof(struct sfi_sandbox, base) == SB_BASE, "fast.S: SB_BASE");
_Static_assert(offsetof(struct sfi_sandbox, opt.time_limit_ms) == SB_TIME_LIMIT, "fast.S: SB_TIME_LIMIT");
_Static_assert(offsetof(struct sfi_sandbox, code_lo) == SB_CODE_LO, "fast.S: SB_CODE_LO");
_Static_assert(offsetof(struct sfi_sandbox, code_len) == SB_CODE_LEN, "fast.S: SB_CODE_LEN");
_Static_assert(offsetof(struct sfi_sandbox, owner) == SB_OWNER, "fast.S: SB_OWNER");
_Static_assert(offsetof(struct sfi_sandbox, owner_bound) == SB_OWNER_BOUND, "fast.S: SB_OWNER_BOUND");
_Static_assert(offsetof(struct sfi_sandbox, active) == SB_ACTIVE, "fast.S: SB_ACTIVE");
_Static_assert(offsetof(struct sfi_sandbox, state) == SB_STATE && SFI_STATE_READY == SB_STATE_READY,
               "fast.S: SB_STATE");
_Static_assert(offsetof(struct sfi_sandbox, stack_end) == SB_STACK_END, "fast.S: SB_STACK_END");
_Static_assert(offsetof(struct sfi_sandbox, entry_seq) == SB_ENTRY_SEQ, "fast.S: SB_ENTRY_SEQ");
_Static_assert(offsetof(struct sfi_sandbox, fast_ctx) == SB_FAST_CTX, "fast.S: SB_FAST_CTX");
_Static_assert(offsetof(struct sfi_thread, init) == THR_INIT, "fast.S: THR_INIT");
_Static_assert(SFI_GATES_OFF == SLOT_GATES_OFF && SFI_BUNDLE == 32, "fast.S: the gate page");

sfi_status sfi_call_f64(sfi_sandbox *sb, sfi_func fn, double a0, double a1, double a2, double a3,
                        double *ret) {
    sfi_status st = check_call(sb, fn);
    if (__builtin_expect(st != SFI_OK, 0)) return st;
    struct sfi_entry_regs regs;
    for (unsigned k = 0; k < 6; k++) regs.gpr[k] = 0;
    memcpy(&regs.xmm[0], &a0, 8);
    memcpy(&regs.xmm[1], &a1, 8);
    memcpy(&regs.xmm[2], &a2, 8);
    memcpy(&regs.xmm[3], &a3, 8);
    for (unsigned k = 4; k < 8; k++) regs.xmm[k] = 0;
    regs.nfp = 4;
    regs.target = fn;
    uint64_t out[2];
    st = enter(sb, &regs, out);
    if (st == SFI_OK && ret) memcpy(ret, &out[1], 8);
    return st;
}

/* ---- owner-thread binding (R25) ---- */

sfi_status sfi_sandbox_bind_thread(sfi_sandbox *sb) {
    if (!sb) return SFI_ERR_ARG;
    sfi_status st;
    if (!sfi__self.init && (st = sfi__thread_init())) return thread_init_failed(sb, st);
    if (acquire_owner(sb, sfi__thread_token())) return busy(sb);
    sb->owner_bound = 1;
    return SFI_OK;
}

sfi_status sfi_sandbox_unbind_thread(sfi_sandbox *sb) {
    if (!sb) return SFI_ERR_ARG;
    if (!sfi__self.init || atomic_load_explicit(&sb->owner, memory_order_relaxed) != sfi__thread_token() ||
        !sb->owner_bound)
        return sfi__fail(sb, SFI_ERR_STATE, "the calling thread has not bound this sandbox");
    sb->owner_bound = 0;
    /* inside a call (from a callback) the outermost call's end releases it */
    if (!sb->active) atomic_store_explicit(&sb->owner, 0, memory_order_release);
    return SFI_OK;
}

/* Integer arguments (at most six, none a host pointer) and an integer or no result, the common
 * case, go to sfi_call_i64, whose hand-written path (fast.S) does what sfi__call_addr would, and
 * hands everything else to the same C path with the same checks in the same order. Any other
 * call, and any bad argument (for its message), goes to sfi__call_addr. */
/* Up to six integer arguments and an integer or no result, the common case, go to
 * sfi_call_i64, whose hand-written path (fast.S) does what sfi__call_addr would and hands
 * every other case to the same C path, with the same checks in the same order. Any other
 * call, and a bad argument (for its message), goes to sfi__call_addr. */
sfi_status sfi_call(sfi_sandbox *sb, sfi_func fn, const sfi_value *args, size_t nargs, sfi_value *ret) {
    /* (inside a sandbox call, from a callback: the fast entry would hand it to C anyway) */
    if (__builtin_expect(!sb || nargs > 6 || (nargs && !args) || sfi__tls_cur ||
                         (ret && (ret->type == SFI_TYPE_F32 || ret->type == SFI_TYPE_F64)), 0))
        return sfi__call_addr(sb, fn, args, nargs, ret);
    uint64_t g[6];
    for (size_t i = 0; i < 6; i++) {
        g[i] = 0;
        if (i < nargs && int_arg(sb, &args[i], &g[i])) return sfi__call_addr(sb, fn, args, nargs, ret);
    }
    uint64_t r;
    sfi_status st = sfi_call_i64(sb, fn, g[0], g[1], g[2], g[3], g[4], g[5], &r);
    if (st == SFI_OK && ret) { /* read_ret's integer cases, as branches (cheaper here than its jump table) */
        if (ret->type == SFI_TYPE_I32) ret->v.i32 = (int32_t)r;
        else if (ret->type == SFI_TYPE_I64) ret->v.i64 = (int64_t)r;
        else if (ret->type == SFI_TYPE_PTR) ret->v.ptr = r;
    }
    return st;
}

sfi_status sfi_call_u64(sfi_sandbox *sb, const char *name, size_t nargs, const uint64_t *args,
                        uint64_t *ret) {
    if (!sb || !name || nargs > 6 || (nargs && !args)) return SFI_ERR_ARG;
    sfi_func fn;
    sfi_status st = sfi_lookup(sb, name, &fn);
    if (st) return st;
    sfi_value v[6];
    for (size_t i = 0; i < nargs; i++) v[i] = sfi_i64((int64_t)args[i]);
    sfi_value r = {.type = SFI_TYPE_I64};
    st = sfi_call(sb, fn, v, nargs, &r);
    if (st == SFI_OK && ret) *ret = (uint64_t)r.v.i64;
    return st;
}

sfi_status sfi_fault_info_get(const sfi_sandbox *sb, sfi_fault_info *info) {
    if (!sb || !info) return SFI_ERR_ARG;
    if (!sb->has_fault) return SFI_ERR_STATE;
    *info = sb->fault;
    return SFI_OK;
}
