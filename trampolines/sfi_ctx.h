/* Layout shared by the trampolines (entry.S, gates.S) and the loader's C code.
 * Assembly includes this file for the offsets; C checks them with static asserts
 * (loader/internal.h), so the two can never drift apart silently. */
#ifndef SFI_CTX_H
#define SFI_CTX_H

/* struct sfi_ctx: one per active host->sandbox call, on the host stack of sfi_call().
 * It is host memory only; the sandbox never sees its address. */
#define CTX_HOST_RSP 0   /* host %rsp after the entry stub saved callee-saved registers */
#define CTX_BASE 8       /* B: the sandbox's %r15 */
#define CTX_SBX_RSP 16   /* sandbox %rsp when it entered a callback/syscall gate */
#define CTX_PREV 24      /* enclosing context of this thread (nested calls) */
#define CTX_MXCSR 32     /* host MXCSR */
#define CTX_FCW 36       /* host x87 control word */
#define CTX_TMPCW 38     /* scratch for the exit path (x87 control word) */
#define CTX_ABORT 40     /* nonzero: the gate must not return into the sandbox */
#define CTX_TMPMX 44     /* scratch for the exit path (MXCSR) */
#define CTX_RAX 48       /* sandbox return registers, saved by the exit gate */
#define CTX_RDX 56
#define CTX_XMM0 64
#define CTX_XMM1 72

/* struct sfi_entry_regs: what the entry stub loads into the sandbox's registers. */
#define ER_GPR 0       /* rdi rsi rdx rcx r8 r9 */
#define ER_XMM 48      /* xmm0..xmm7 (low 64 bits) */
#define ER_TARGET 112  /* export address */
#define ER_SP 120      /* sandbox %rsp; [sp] already holds the exit gate address */

/* Callback frame on the host stack: struct sfi_callback_args, then saved sandbox FP control. */
#define CB_ARGS_SIZE 120   /* sizeof(sfi_callback_args) */
#define CB_RET 112         /* sfi_callback_args.ret */
#define CB_MXCSR 120       /* sandbox MXCSR */
#define CB_FCW 124         /* sandbox x87 control word */
#define CB_CTX 128         /* the context (host pointer; never leaves the host stack) */
#define CB_TMPMX 136       /* scratch: MXCSR after the host function */
#define CB_TMPCW 140       /* scratch: x87 control word after the host function */
#define CB_FRAME 144       /* multiple of 16 */

/* Gate kinds: index into the thread-local table sfi__tls_gate[] that gates jump through. */
#define GATE_KIND_EXIT 0
#define GATE_KIND_SYSCALL 1
#define GATE_KIND_CALLBACK 2

#ifdef __ASSEMBLER__
/* Floating-point state switches. ldmxcsr, fldcw and fninit are slow (partly serialising), so
 * control registers are only loaded when the value actually changes, and the x87 unit is reset
 * with fnclex (no pending exception may fire in the other world) + emms (all registers empty).
 *
 * SFI_SCRUB_X87: before sandbox code runs, overwrite the eight x87/MMX registers with zeros:
 * "empty" registers still hold their old contents, which fnsave/fxsave (allowed x87, R15) would
 * reveal. Leaves the control word at 0x37f. */
.macro SFI_SCRUB_X87
	fnclex
	emms
	fldz
	fldz
	fldz
	fldz
	fldz
	fldz
	fldz
	fldz
	fninit          /* empty again, and the x87 unit in its init state: xsave skips it */
.endm

/* Load the control word at \want (16 bits) unless the current one, stored at \tmp, equals it. */
.macro SFI_SET_FCW want, tmp, reg
	fnstcw \tmp
	movzwl \tmp, \reg\()d
	cmpw \want, \reg\()w
	je 8f
	fldcw \want
8:
.endm

/* Load MXCSR from \want unless the current value, stored at \tmp, equals it. */
.macro SFI_SET_MXCSR want, tmp, reg
	stmxcsr \tmp
	movl \tmp, \reg\()d
	cmpl \want, \reg\()d
	je 9f
	ldmxcsr \want
9:
.endm
#endif

#endif
