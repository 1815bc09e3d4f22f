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
    *out = sb->base + SFI_IMAGE_OFF + e->vaddr;
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

static sfi_status marshal(sfi_sandbox *sb, const sfi_value *args, size_t nargs,
                          struct sfi_entry_regs *r) {
    size_t ni = 0, nf = 0;
    memset(r, 0, sizeof *r);
    if (nargs && !args) return SFI_ERR_ARG;
    for (size_t i = 0; i < nargs; i++) {
        const sfi_value *a = &args[i];
        switch (a->type) {
        case SFI_TYPE_I32:
        case SFI_TYPE_I64:
        case SFI_TYPE_PTR:
            if (ni == 6) return sfi__fail(sb, SFI_ERR_ARG, "more than 6 integer arguments");
            if (a->type == SFI_TYPE_I32) r->gpr[ni++] = (uint64_t)(int64_t)a->v.i32;
            else if (a->type == SFI_TYPE_I64) r->gpr[ni++] = (uint64_t)a->v.i64;
            else {
                /* Refuse host pointers: passing one would leak host layout (and is a bug). */
                if (a->v.ptr && a->v.ptr - sb->base >= SFI_SLOT_SIZE)
                    return sfi__fail(sb, SFI_ERR_ARG, "argument %zu: 0x%llx is not a sandbox address", i,
                                     (unsigned long long)a->v.ptr);
                r->gpr[ni++] = a->v.ptr;
            }
            break;
        case SFI_TYPE_F32:
        case SFI_TYPE_F64:
            if (nf == 8) return sfi__fail(sb, SFI_ERR_ARG, "more than 8 floating-point arguments");
            if (a->type == SFI_TYPE_F64) memcpy(&r->xmm[nf++], &a->v.f64, 8);
            else memcpy(&r->xmm[nf++], &a->v.f32, 4);
            break;
        default: return sfi__fail(sb, SFI_ERR_ARG, "argument %zu has a bad type", i);
        }
    }
    return SFI_OK;
}

static void read_ret(const struct sfi_ctx *ctx, sfi_value *ret) {
    if (!ret) return;
    switch (ret->type) {
    case SFI_TYPE_I32: ret->v.i32 = (int32_t)ctx->rax; break;
    case SFI_TYPE_I64: ret->v.i64 = (int64_t)ctx->rax; break;
    case SFI_TYPE_PTR: ret->v.ptr = ctx->rax; break;
    case SFI_TYPE_F32: memcpy(&ret->v.f32, &ctx->xmm0, 4); break;
    case SFI_TYPE_F64: memcpy(&ret->v.f64, &ctx->xmm0, 8); break;
    default: break;
    }
}

sfi_status sfi__call_addr(sfi_sandbox *sb, uint64_t target, const sfi_value *args, size_t nargs,
                          sfi_value *ret) {
    if (!sb) return SFI_ERR_ARG;
    if (sb->state != SFI_STATE_READY)
        return sfi__fail(sb, sb->state == SFI_STATE_DEAD ? sb->dead_status : SFI_ERR_STATE,
                         sb->state == SFI_STATE_DEAD ? "sandbox is dead (%s); reset it"
                                                     : "no module loaded%s",
                         sb->state == SFI_STATE_DEAD ? sfi_strerror(sb->dead_status) : "");
    const struct sfi_segment *code = &sb->mod->seg[sb->mod->code];
    uint64_t code_lo = sb->base + SFI_IMAGE_OFF + code->vaddr;
    /* Any bundle start of the verified code is a safe entry (R5); nothing else is. */
    if (target < code_lo || target - code_lo >= code->memsz || target % SFI_BUNDLE)
        return sfi__fail(sb, SFI_ERR_ARG, "0x%llx is not a bundle of the module's code",
                         (unsigned long long)target);
    struct sfi_entry_regs regs;
    sfi_status st = marshal(sb, args, nargs, &regs);
    if (st) return st;
    if ((st = sfi__thread_init())) return sfi__fail(sb, st, "%s", sfi_last_error(NULL));

    /* R25: one thread at a time; the owner may nest. */
    uintptr_t me = sfi__thread_token(), expected = 0;
    if (atomic_load(&sb->owner) != me &&
        !atomic_compare_exchange_strong(&sb->owner, &expected, me))
        return sfi__fail(sb, SFI_ERR_BUSY, "another thread is inside this sandbox (R25)");

    /* Stack: the top of the stack for an outermost call; below the sandbox's own %rsp (saved
     * by the callback gate) for a nested one. [sp] = exit gate, sp = 8 mod 16 (R22). */
    uint64_t sp;
    if (sb->active) sp = (sb->active->sbx_rsp & ~UINT64_C(15)) - 8;
    else sp = sb->stack_end - 8;
    if (!sfi__region_check(sb, sp, 8, SFI_PROT_READ | SFI_PROT_WRITE)) {
        if (!sb->active) atomic_store(&sb->owner, 0);
        return sfi__fail(sb, SFI_ERR_FAULT, "sandbox stack pointer 0x%llx is not in writable memory",
                         (unsigned long long)sp);
    }
    uint64_t gate0 = sb->base + SFI_GATES_OFF;
    memcpy((void *)sp, &gate0, 8);
    regs.sp = sp;
    regs.target = target;

    struct sfi_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.base = sb->base;
    ctx.sb = sb;
    ctx.sb_prev = sb->active;
    ctx.status = SFI_OK;
    struct sfi_ctx *parent = sfi__tls_cur;
    uint64_t parent_deadline = parent ? parent->deadline_ns : 0;
    ctx.deadline_ns = parent_deadline;
    if (sb->opt.time_limit_ms) {
        uint64_t d = sfi__now_ns() + (uint64_t)sb->opt.time_limit_ms * 1000000u;
        if (!ctx.deadline_ns || d < ctx.deadline_ns) ctx.deadline_ns = d;
    }
    if (ctx.deadline_ns && ctx.deadline_ns != parent_deadline) sfi__timer_arm(ctx.deadline_ns);

    unsigned *tdepth = sfi__thread_depth();
    sb->active = &ctx;
    sb->depth++;
    (*tdepth)++;

    sfi__enter(&ctx, &regs);

    (*tdepth)--;
    sb->depth--;
    sb->active = ctx.sb_prev;
    if (ctx.deadline_ns && ctx.deadline_ns != parent_deadline) {
        if (parent_deadline) sfi__timer_arm(parent_deadline);
        else sfi__timer_disarm();
    }
    if (sb->depth == 0) atomic_store(&sb->owner, 0);

    st = ctx.status;
    if (st == SFI_OK) {
        read_ret(&ctx, ret);
        return SFI_OK;
    }
    /* The call was cut short: the sandbox's state is inconsistent (locks held, half-done
     * updates), so it is dead until reset. */
    if (sb->state != SFI_STATE_DEAD) {
        sb->state = SFI_STATE_DEAD;
        sb->dead_status = st;
    }
    if (st == SFI_ERR_FAULT && ctx.fault.signo) {
        sb->fault = ctx.fault;
        sb->has_fault = 1;
        uint64_t img = sb->base + SFI_IMAGE_OFF;
        return sfi__fail(sb, st, "%s (si_code %d) at sandbox address 0x%llx (offset 0x%llx), pc 0x%llx "
                         "(module vaddr 0x%llx)", signame(ctx.fault.signo), ctx.fault.code,
                         (unsigned long long)ctx.fault.addr,
                         (unsigned long long)(ctx.fault.addr - sb->base),
                         (unsigned long long)ctx.fault.pc,
                         (unsigned long long)(ctx.fault.pc - img));
    }
    if (st == SFI_ERR_TIMEOUT)
        return sfi__fail(sb, st, "call exceeded the time limit of %u ms", sb->opt.time_limit_ms);
    if (st == SFI_ERR_EXITED) return sfi__fail(sb, st, "sandbox exited with code %d", sb->exit_code);
    return sfi__fail(sb, st, "sandbox call ended: %s", sfi_strerror(st));
}

sfi_status sfi_call(sfi_sandbox *sb, sfi_func fn, const sfi_value *args, size_t nargs, sfi_value *ret) {
    return sfi__call_addr(sb, fn, args, nargs, ret);
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
