/* Host -> sandbox entry and the way back (R22).
 *
 * sfi__enter(ctx, regs) saves the host's callee-saved registers on the host stack and the
 * host %rsp, MXCSR and x87 control word in *ctx (host memory), pushes ctx on the thread's
 * context stack (sfi__tls_cur), gives the sandbox a clean register file and jumps to the
 * entry sequence in the sandbox's gate page, which calls the export. It returns (the sandbox's %rax; %xmm0 is in ctx) only through the exit gate or
 * sfi__abort_resume, which every other way out (fault/timeout redirection, aborted callback)
 * reaches with %rcx = ctx found via host TLS: nothing the sandbox controls decides where the
 * host resumes.
 *
 * Fast path, in order of cost (see sfi_ctx.h for the measured instruction costs): one stmxcsr
 * (the host's MXCSR must be known to restore it), ldmxcsr without compare, fldcw only when the
 * control word differs, the x87 scrub
 * (fildl + 7 fldz + emms, in the gate page's entry sequence) and 16 vector zero idioms. No fninit, no fnclex (see the exit window), no atomics, no
 * TLS call: sfi__tls_cur is initial-exec. */
#include "sfi_ctx.h"

	.section .rodata
	.p2align 2
	.globl sfi__sandbox_mxcsr, sfi__sandbox_fcw   /* also read by the fast entry (fast.S) */
	.hidden sfi__sandbox_mxcsr, sfi__sandbox_fcw
sfi__sandbox_mxcsr:
	.long SFI_SANDBOX_MXCSR /* R22: MXCSR on entry */
sfi__sandbox_fcw:
	.short SFI_SANDBOX_FCW  /* R22: x87 control word on entry */

	.text
	.globl sfi__enter
	.type sfi__enter,@function
	.p2align 5
sfi__enter:                     /* %rdi = ctx, %rsi = regs; DF = 0 (SysV) */
	SFI_SAVE_HOST %rdi
	/* push ctx on this thread's context stack */
	movq sfi__tls_cur@GOTTPOFF(%rip), %rax
	movq %fs:(%rax), %rcx
	movq %rcx, CTX_PREV(%rdi)
	movq %rdi, %fs:(%rax)

	/* Sandbox FP state (R22): MXCSR 0x1f80, x87 control word 0x37f, and no host data in any
	 * x87/MMX or vector register (the VEX zero idioms below clear all 16 ymm registers). */
	ldmxcsr sfi__sandbox_mxcsr(%rip)
	SFI_SET_SANDBOX_FCW %rdi
	/* (the x87 registers are scrubbed by the entry sequence in the gate page, gates.c) */
	SFI_CLEAR_VECTORS
	cmpq $0, ER_NFP(%rsi)   /* no floating-point arguments: the registers are zero already */
	je 3f
	movq ER_XMM+0(%rsi), %xmm0
	movq ER_XMM+8(%rsi), %xmm1
	movq ER_XMM+16(%rsi), %xmm2
	movq ER_XMM+24(%rsi), %xmm3
	movq ER_XMM+32(%rsi), %xmm4
	movq ER_XMM+40(%rsi), %xmm5
	movq ER_XMM+48(%rsi), %xmm6
	movq ER_XMM+56(%rsi), %xmm7
3:

	/* General registers: R3 %r15 = B, R4 %r14 = 0, arguments, zero everywhere else. */
	movq CTX_BASE(%rdi), %r15
	SFI_ZERO_SANDBOX_GPRS
	movq ER_TARGET(%rsi), %rax
	movq ER_ENTRY(%rsi), %r11
	/* DF is already 0: sfi__enter is called from C (SysV). */
	movq ER_SP(%rsi), %rsp  /* the sandbox stack, 16-byte aligned (R22 after the call below) */
	movq ER_GPR+16(%rsi), %rdx
	movq ER_GPR+24(%rsi), %rcx
	movq ER_GPR+32(%rsi), %r8
	movq ER_GPR+40(%rsi), %r9
	movq ER_GPR+0(%rsi), %rdi
	movq ER_GPR+8(%rsi), %rsi
	/* The entry sequence in the gate page (gates.c) scrubs the x87 registers, masks %rax and
	 * calls the export, pushing the address of the exit gate that follows it: the export's
	 * return is then predicted by the CPU's return stack, and this jump (not a call) leaves
	 * the host's calls and returns paired. %rax and %r11 are sandbox addresses, not host
	 * secrets. */
	jmpq *%r11
	.size sfi__enter, .-sfi__enter

/* The exit gates (gate 0 and the one after the entry sequence, R19) land here: the export
 * returned (or the sandbox jumped to an exit gate). The
 * gate bundle executed cld. Everything below reads only host memory; %rax (the sandbox's
 * return value) is left alone and becomes sfi__enter's return value. */
	.globl sfi__gate_exit
	.type sfi__gate_exit,@function
	.p2align 5
sfi__gate_exit:
	movq sfi__tls_cur@GOTTPOFF(%rip), %rcx
	movq %fs:(%rcx), %rcx
	movq %xmm0, CTX_XMM0(%rcx)
	movq CTX_HOST_RSP(%rcx), %rsp
exit_common:
	/* x87 for the host: stack empty (emms) and the host's control word. If the sandbox left
	 * an unmasked exception pending, emms raises #MF here; fault.c treats this window as
	 * sandbox code, so the call ends with SFI_ERR_FAULT through sfi__abort_resume, which
	 * clears the exception first. Flags the sandbox left that the host's control word
	 * unmasks would fire later in host code: cleared unless the host masks everything. */
	.globl sfi__window_exit_start
sfi__window_exit_start:
	emms
	.globl sfi__window_exit_end
sfi__window_exit_end:
	SFI_RESTORE_HOST_FP %rcx, %r8d, %r8w
	movq CTX_PREV(%rcx), %rdx
	movq sfi__tls_cur@GOTTPOFF(%rip), %r8
	movq %rdx, %fs:(%r8)    /* pop the context */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size sfi__gate_exit, .-sfi__gate_exit

/* %rcx = ctx (host memory). The target of fault/timeout redirection (fault.c), which sets
 * %rcx and %rsp in the interrupted ucontext, and of aborted callbacks/syscalls (gates.S).
 * The sandbox may have set DF or left x87 exceptions pending: clear both first. */
	.globl sfi__abort_resume
	.type sfi__abort_resume,@function
	.p2align 4
sfi__abort_resume:
	movq CTX_HOST_RSP(%rcx), %rsp
	cld
	fnclex
	jmp exit_common
	.size sfi__abort_resume, .-sfi__abort_resume

	.section .note.GNU-stack,"",@progbits
