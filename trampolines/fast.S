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
 * The context is an ordinary struct sfi_ctx on the host stack, pushed on sfi__tls_cur like
 * sfi__enter does, so the exit gate, sfi__abort_resume, the fault and timer handler (fault.c)
 * and the callback and syscall gates (gates.S, gates.c) treat a fast call exactly like any
 * other: they find the context through host TLS and never through anything the sandbox
 * controls. The frame below the context is the one sfi__enter builds (six callee-saved
 * registers, then a return address), so the exit gate's pops and ret come back here. */
#include "sfi_ctx.h"

/* struct sfi_ctx, then 8 bytes that keep the host stack 16-byte aligned at the inner call */
#define FRAME (CTX_SIZE + 8)
/* the caller's stack arguments of sfi_call_i64, relative to the context */
#define ARG_A4 (FRAME + 8)
#define ARG_A5 (FRAME + 16)
#define ARG_RET (FRAME + 24)

	.text
	.globl sfi_call_i64
	.type sfi_call_i64,@function
	.p2align 5
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
	/* The context: what the C path's enter() stores, with its values for this case. */
	subq $FRAME, %rsp
	movq SB_BASE(%rdi), %rax
	movq %rax, CTX_BASE(%rsp)
	movq $0, CTX_PREV(%rsp)
	movq $0, CTX_ABORT(%rsp)        /* abort and its padding */
	movq %rdi, CTX_SB(%rsp)
	movq $0, CTX_SB_PREV(%rsp)
	movq $0, CTX_DEADLINE(%rsp)
	movq $0, CTX_STATUS(%rsp)       /* status (SFI_OK) and its padding */
	movl $0, CTX_FAULT_SIGNO(%rsp)
	movq %rsp, SB_ACTIVE(%rdi)
	incl SB_DEPTH(%rdi)
	movq %rsp, %r11
	call .Lenter
	/* Back from the exit gate or sfi__abort_resume: host callee-saved registers, %rsp, MXCSR,
	 * x87 control word restored, context popped; %rax = the sandbox's %rax. */
	movq CTX_SB(%rsp), %rdi
	decl SB_DEPTH(%rdi)
	movq $0, SB_ACTIVE(%rdi)
	cmpl $0, CTX_STATUS(%rsp)
	jne .Lfailed
	cmpl $0, SB_OWNER_BOUND(%rdi)
	je .Lrelease
.Lok:
	movq ARG_RET(%rsp), %rdx
	testq %rdx, %rdx
	jz 1f
	movq %rax, (%rdx)
1:	addq $FRAME, %rsp
	xorl %eax, %eax                 /* SFI_OK */
	ret

.Lrelease:      /* not bound (taken by the compare-and-swap above, or a callback unbound the
		 * thread during the call): the outermost call's end gives the sandbox back (R25;
		 * a plain store is a release store on x86-64) */
	movq $0, SB_OWNER(%rdi)
	jmp .Lok

.Lfailed:       /* fault, timeout, exit: C marks the sandbox dead and writes the message, while
		 * this thread still owns it; then it is given back as above */
	movq %rsp, %rsi
	call sfi__call_fast_failed      /* sfi_status (sb, ctx), loader/call.c */
	movq CTX_SB(%rsp), %rdi
	cmpl $0, SB_OWNER_BOUND(%rdi)
	jne 1f
	movq $0, SB_OWNER(%rdi)
1:	addq $FRAME, %rsp
	ret

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
	movq ARG_A4(%r11), %r12
	movq ARG_A5(%r11), %r13
	movq SB_BASE(%rdi), %r15
	movq SB_STACK_END(%rdi), %rbx   /* the top of the sandbox stack, 16-byte aligned (R22) */
	movq SB_MOD(%rdi), %r11
	movq MOD_NIMPORTS(%r11), %r11
	shlq $5, %r11
	/* the entry sequence: bundle 2 + nimports of the gate page (R19, gates.c) */
	leaq SLOT_GATES_OFF + 2 * 32 + GATE_ENTRY_SEQ_OFF(%r15,%r11), %r11
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
