/* Faults and timer ticks.
 *
 * A synchronous signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) is the sandbox's when the
 * thread is inside a sandbox call (sfi__tls_cur) and the pc is in that sandbox's slot (its
 * code or gate page), on the one trampoline instruction that reads the sandbox stack, or on
 * the emms that raises #MF for an x87 exception the sandbox left pending (sfi__window_*).
 * Then the handler records what happened in the host-side context and
 * rewrites the interrupted ucontext to resume at sfi__abort_resume with %rcx = context: the
 * kernel's sigreturn restores the signal mask and the trampoline restores the host registers,
 * so this is an async-signal-safe longjmp to the host. Everything else is passed on to the
 * handler that was installed before ours (or the default action). */
#include "internal.h"

#include <signal.h>
#include <string.h>
#include <ucontext.h>

static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
static struct sigaction old_action[NSIG];

int sfi__pc_in_sandbox(const struct sfi_ctx *ctx, uint64_t pc) {
    if (pc - ctx->base < SFI_SLOT_SIZE) return 1;
    if (pc >= (uint64_t)sfi__window_cb_start && pc < (uint64_t)sfi__window_cb_end) return 1;
    if (pc >= (uint64_t)sfi__window_sys_start && pc < (uint64_t)sfi__window_sys_end) return 1;
    /* the emms that raises #MF for an x87 exception the sandbox left pending */
    if (pc >= (uint64_t)sfi__window_exit_start && pc < (uint64_t)sfi__window_exit_end) return 1;
    if (pc >= (uint64_t)sfi__window_cbin_start && pc < (uint64_t)sfi__window_cbin_end) return 1;
    return 0;
}

static void redirect(ucontext_t *uc, struct sfi_ctx *ctx) {
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)sfi__abort_resume;
    uc->uc_mcontext.gregs[REG_RCX] = (greg_t)(uintptr_t)ctx;
    uc->uc_mcontext.gregs[REG_RSP] = (greg_t)ctx->host_rsp;
}

static void chain(int sig, siginfo_t *si, void *ucv) {
    const struct sigaction *old = &old_action[sig];
    if (old->sa_flags & SA_SIGINFO) {
        if (old->sa_sigaction) old->sa_sigaction(sig, si, ucv);
        return;
    }
    if (old->sa_handler == SIG_IGN) return;
    if (old->sa_handler == SIG_DFL) {
        /* Default action: reinstall it and let the faulting instruction run again (a
         * synchronous fault re-raises itself); a signal sent by kill() is raised again. */
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigaction(sig, &dfl, NULL);
        if (si->si_code <= 0) raise(sig);
        return;
    }
    old->sa_handler(sig);
}

static void handler(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    struct sfi_ctx *ctx = sfi__tls_cur;
    uint64_t pc = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    if (sig == sfi__timer_signal && sig != SIGSEGV) {
        if (si->si_code != SI_TIMER || si->si_value.sival_ptr != &sfi__timer_magic) {
            chain(sig, si, ucv);
            return;
        }
        /* Ours. Only sandbox code is interrupted; host code checks the deadline itself,
         * except that a wait in sfi_syscall_interruptible is cut short (timeout.c). */
        if (ctx && ctx->deadline_ns && sfi__now_ns() >= ctx->deadline_ns) {
            if (sfi__pc_in_sandbox(ctx, pc)) {
                ctx->status = SFI_ERR_TIMEOUT;
                ctx->fault.pc = pc;
                redirect(uc, ctx);
            } else {
                sfi__timer_cut_wait(uc);
            }
        }
        return;
    }
    if (ctx && sfi__pc_in_sandbox(ctx, pc)) {
        ctx->status = SFI_ERR_FAULT;
        ctx->fault.signo = sig;
        ctx->fault.code = si->si_code;
        ctx->fault.addr = (uint64_t)(uintptr_t)si->si_addr;
        ctx->fault.pc = pc;
        redirect(uc, ctx);
        return;
    }
    chain(sig, si, ucv);
}

static sfi_status install(int sig) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigfillset(&sa.sa_mask);
    if (sigaction(sig, &sa, &old) != 0)
        return sfi__thread_fail(SFI_ERR_SYSTEM, "sigaction(%d) failed", sig);
    /* Never chain to ourselves (a host that saved and restored our handler with signal()
     * would otherwise make us call ourselves with the wrong arguments). */
    if (old.sa_sigaction != handler && (void *)old.sa_handler != (void *)handler) old_action[sig] = old;
    return SFI_OK;
}

sfi_status sfi__signals_install(int timer_signal) {
    for (size_t i = 0; i < sizeof fault_signals / sizeof fault_signals[0]; i++) {
        sfi_status st = install(fault_signals[i]);
        if (st) return st;
    }
    return install(timer_signal);
}
