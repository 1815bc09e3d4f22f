/* sfi_call_i64 (include/sfi/sfi.h): the host -> sandbox -> host round trip in one hand-written
 * path, for the common case: an outermost call with no time limit, by a thread that holds the
 * sandbox's binding (sfi_sandbox_bind_thread) or takes it free (compare-and-swap). It does in
 * one place what the C call path (loader/call.c) and sfi__enter (entry.S) do together, without
 * the argument block, without a second save of callee-saved registers and with the context's
 * constant fields stored, not computed. Every other case (NULL or not READY sandbox, a bad
 * target, another owner, a nested call, a call made inside any sandbox call of this thread, a
 * time limit, a thread libsfi has not set up) jumps, with the arguments untouched, to the C
 * version, sfi__call_i64_slow, which handles all of them and sets the error message.
 *
 * The context is the sandbox's own struct sfi_ctx for outermost fast calls (sb->fast_ctx,
 * host memory: only an outermost call, which has no enclosing context, no deadline and no
 * enclosing call of the sandbox, uses it, so all its fields but the three the trampolines
 * store per call are constant and set once), pushed on sfi__tls_cur like sfi__enter does, so
 * the exit gate, sfi__abort_resume, the fault and timer handler (fault.c) and the callback
 * and syscall gates (gates.S, gates.c) treat a fast call exactly like any other: they find
 * the context through host TLS and never through anything the sandbox controls. The host
 * stack holds the sandbox pointer, then the frame sfi__enter builds (a return address, six
 * callee-saved registers), so the exit gate's pops and ret come back here. The common path
 * takes no branch but the call into .Lenter and the jump to the gate page. */
#include "sfi_ctx.h"

/* the caller's stack arguments of sfi_call_i64: relative to %rsp on entry (ARG_RET), and in
 * .Lenter, below the saved sandbox pointer, .Lenter's return address and SFI_SAVE_HOST's six
 * registers (ENTER_A4, ENTER_A5) */
#define ARG_RET 24
#define ENTER_A4 (6 * 8 + 8 + 8 + 8)
#define ENTER_A5 (ENTER_A4 + 8)

/* The checks after the owner's: a READY sandbox, no call of it active (with the owner this
 * thread, so this is not a nested call), no time limit (timers: the C path), not inside any
 * sandbox call of this thread (no enclosing context, deadline or timer), and a target that is
 * a bundle start of the verified code: any such bundle is a safe entry (R5), nothing else is.
 * (The entry sequence masks the target into the slot anyway, R9: the last check turns a wrong
 * sfi_func into SFI_ERR_ARG instead of a fault.) %r10 = sfi__tls_cur's TLS offset. */
.macro FAST_CHECKS fail
	cmpq $0, SB_ACTIVE(%rdi)
	jne \fail
	cmpl $SB_STATE_READY, SB_STATE(%rdi)
	jne \fail
	cmpl $0, SB_TIME_LIMIT(%rdi)
	jne \fail
	cmpq $0, %fs:(%r10)
	jne \fail
	movq %rsi, %rax
	subq SB_CODE_LO(%rdi), %rax
	cmpq SB_CODE_LEN(%rdi), %rax
	jae \fail
	testb $31, %sil
	jnz \fail
.endm

	.text
	.globl sfi_call_i64
	.type sfi_call_i64,@function
	.p2align 5
sfi_call_i64:   /* %rdi sb, %rsi fn, %rdx %rcx %r8 %r9 a0..a3; a4, a5, ret on the stack */
	testq %rdi, %rdi
	jz .Lslow
	movq sfi__self@GOTTPOFF(%rip), %rax
	cmpl $0, %fs:THR_INIT(%rax)     /* thread not set up (altstack, gate TLS, timer) */
	je .Lslow
	addq %fs:0, %rax                /* &sfi__self: this thread's token (R25, thread.c) */
	movq sfi__tls_cur@GOTTPOFF(%rip), %r10
	/* R25 as in the C path (call.c, acquire_owner): only the owner stores or removes its
	 * own token, so finding it needs no atomic operation */
	cmpq %rax, SB_OWNER(%rdi)
	jne .Ltake
	FAST_CHECKS .Lslow
.Lgo:
	/* what the C path's enter() does for this case, with the prepared context */
	pushq %rdi
	leaq SB_FAST_CTX(%rdi), %r11
	movq %r11, SB_ACTIVE(%rdi)
	call .Lenter
	/* Back from the exit gate or sfi__abort_resume: host callee-saved registers, %rsp, MXCSR,
	 * x87 control word restored, context popped; %rax = the sandbox's %rax. */
	popq %rdi
	movq $0, SB_ACTIVE(%rdi)
	cmpl $0, SB_FAST_CTX + CTX_STATUS(%rdi)
	jne .Lfailed
	cmpl $0, SB_OWNER_BOUND(%rdi)
	je .Lrelease
.Lok:
	movq ARG_RET(%rsp), %rdx
	testq %rdx, %rdx
	jz .Lnoret
	movq %rax, (%rdx)
.Lnoret:
	xorl %eax, %eax                 /* SFI_OK */
	ret

	SFI_COLD
.Lrelease:      /* not bound (taken by the compare-and-swap above, or a callback unbound the
		 * thread during the call): the outermost call's end gives the sandbox back (R25;
		 * a plain store is a release store on x86-64) */
	movq $0, SB_OWNER(%rdi)
	jmp .Lok

.Lfailed:       /* fault, timeout, exit: C marks the sandbox dead, writes the message and
		 * clears the context for the next call, while this thread still owns the
		 * sandbox; then it is given back as above */
	pushq %rdi                      /* and the stack is 16-byte aligned for the call */
	leaq SB_FAST_CTX(%rdi), %rsi
	call sfi__call_fast_failed      /* sfi_status (sb, ctx), loader/call.c */
	popq %rdi
	cmpl $0, SB_OWNER_BOUND(%rdi)
	jne 1f
	movq $0, SB_OWNER(%rdi)
1:	ret

.Ltake:         /* not this thread's: take it if free, with the C path's compare-and-swap
		 * 0 -> token (acquire: pairs with the previous owner's release store) */
	movq %rax, %r11
	xorl %eax, %eax
	lock cmpxchgq %r11, SB_OWNER(%rdi)
	jne .Lslow                      /* another thread is inside or bound: SFI_ERR_BUSY in C */
	FAST_CHECKS .Lgive_back         /* now that the sandbox is ours, its fields are current */
	jmp .Lgo
.Lgive_back:    /* owner_bound is 0 (nobody held it): give it back, and let C decide */
	movq $0, SB_OWNER(%rdi)
.Lslow:
	jmp sfi__call_i64_slow          /* same arguments, same stack (loader/call.c) */
	SFI_END_COLD

/* %r11 = ctx, %r10 = sfi__tls_cur's TLS offset, %rdi = sb, %rsi = fn, %rdx %rcx %r8 %r9 =
 * a0..a3. The frame it leaves is the one the exit gate unwinds (entry.S, sfi__gate_exit). */
.Lenter:
	SFI_SAVE_HOST %r11
	movq %r11, %fs:(%r10)           /* push the context: sfi__tls_cur = ctx (prev = NULL) */

	/* Sandbox FP state (R22): MXCSR 0x1f80, x87 control word 0x37f, all 16 vector registers
	 * zero; the gate page's entry sequence scrubs the x87/MMX registers. */
	ldmxcsr sfi__sandbox_mxcsr(%rip)
	SFI_SET_SANDBOX_FCW %r11
	SFI_CLEAR_VECTORS

	/* General registers (R22): %r15 = B, %r14 = 0, the six arguments, %rax the export,
	 * %r11 the entry sequence (both slot addresses), zero everywhere else. */
	movq ENTER_A4(%rsp), %r12
	movq ENTER_A5(%rsp), %r13
	movq SB_BASE(%rdi), %r15
	movq SB_STACK_END(%rdi), %rbx   /* the top of the sandbox stack, 16-byte aligned (R22) */
	movq SB_ENTRY_SEQ(%rdi), %r11   /* bundle 2 + nimports of the gate page (R19, gates.c) */
	movq %rsi, %rax
	movq %rdx, %rdi
	movq %rcx, %rsi
	movq %r8, %rdx
	movq %r9, %rcx
	movq %r12, %r8
	movq %r13, %r9
	movq %rbx, %rsp
	SFI_ZERO_SANDBOX_GPRS
	/* DF = 0: sfi_call_i64 is called from C (SysV). The entry sequence scrubs the x87
	 * registers, masks %rax, and calls the export, pushing its exit gate (R19). */
	jmpq *%r11
	.size sfi_call_i64, .-sfi_call_i64

	.section .note.GNU-stack,"",@progbits
