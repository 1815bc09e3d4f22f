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
#define CTX_FCW_SCRATCH 38 /* scratch: the current x87 control word (SFI_SET_FCW) */
#define CTX_ABORT 40     /* nonzero: the gate must not return into the sandbox */
#define CTX_XMM0 48      /* sandbox %xmm0 (low 64 bits), saved by the exit gate */

/* The C-only part of struct sfi_ctx (the fast entry, fast.S, reads the status). */
#define CTX_SB 56          /* the sandbox */
#define CTX_SB_PREV 64     /* enclosing active context of the same sandbox */
#define CTX_DEADLINE 72    /* deadline_ns */
#define CTX_STATUS 80      /* status (4 bytes; 4 bytes of padding follow) */
#define CTX_FAULT_SIGNO 88 /* fault.signo */
#define CTX_SIZE 112

/* Fields of struct sfi_sandbox, struct sfi_module and struct sfi_thread (loader/internal.h)
 * that the fast entry reads. loader/call.c checks each with a static assert: a change of
 * those structs that moves one fails the build until the number here is updated. */
#define SB_BASE 0
#define SB_TIME_LIMIT 24   /* opt.time_limit_ms (4 bytes) */
#define SB_CODE_LO 32
#define SB_CODE_LEN 40
#define SB_OWNER 48
#define SB_OWNER_BOUND 56  /* 4 bytes */
#define SB_ACTIVE 64
#define SB_STATE 72        /* 4 bytes */
#define SB_STACK_END 240
#define SB_STATE_READY 1   /* SFI_STATE_READY */
#define SB_ENTRY_SEQ 264  /* the entry sequence in the gate page (R19) */
#define SB_FAST_CTX 272   /* struct sfi_ctx of outermost fast calls */
#define THR_INIT 0         /* sfi__self.init (4 bytes) */
#define SLOT_GATES_OFF 0x20000 /* SFI_GATES_OFF: the gate page in the slot (R2) */

/* struct sfi_entry_regs: what the entry stub loads into the sandbox's registers. */
#define ER_GPR 0       /* rdi rsi rdx rcx r8 r9 */
#define ER_XMM 48      /* xmm0..xmm7 (low 64 bits) */
#define ER_TARGET 112  /* export address */
#define ER_SP 120      /* sandbox %rsp before the entry sequence's call: 16-byte aligned */
#define ER_NFP 128     /* number of floating-point arguments (xmm slots to load) */
#define ER_ENTRY 136   /* address of the entry sequence in the gate page (gates.c) */

/* Offset of the entry sequence (x87 scrub; xorl; andl; addq; callq *%r11) in its gate bundle. */
#define GATE_ENTRY_SEQ_OFF 2

/* Callback frame on the host stack: struct sfi_callback_args, then saved sandbox FP control. */
#define CB_ARGS_SIZE 120   /* sizeof(sfi_callback_args) */
#define CB_RET 112         /* sfi_callback_args.ret */
#define CB_MXCSR 120       /* sandbox MXCSR */
#define CB_FCW 124         /* sandbox x87 control word */
#define CB_CTX 128         /* the context (host pointer; never leaves the host stack) */
#define CB_TMPMX 136       /* scratch: MXCSR after the host function */
#define CB_TMPCW 140       /* scratch: x87 control word after the host function */
#define CB_FRAME 144       /* multiple of 16 */

/* The floating-point control state the sandbox starts with (R22). */
#define SFI_SANDBOX_MXCSR 0x1f80
#define SFI_SANDBOX_FCW 0x37f

/* Gate kinds: index into the thread-local table sfi__tls_gate[] that gates jump through. */
#define GATE_KIND_EXIT 0
#define GATE_KIND_SYSCALL 1
#define GATE_KIND_CALLBACK 2

#ifdef __ASSEMBLER__
/* SFI_COLD ... SFI_END_COLD: code the common path jumps to only in rare cases (no AVX, an
 * unmasked x87 exception, a changed x87 control word), assembled into .text.unlikely so that
 * the common path runs straight through with no taken branch. Numeric labels still pair by
 * source order, so a macro may jump into its cold part with `8f` and back with `9f`. */
.macro SFI_COLD
	.pushsection .text.unlikely.sfi, "ax", @progbits
.endm
.macro SFI_END_COLD
	.popsection
.endm

/* Floating-point state switches. Measured on the development machine (AMD EPYC, TSC ticks):
 * fnstcw, fldcw, ldmxcsr, emms, fldz ~1-2 each; stmxcsr ~12; fnclex ~38; fninit ~78;
 * fnstenv/fldenv ~90; fxsave+fxrstor ~230; xsave+xrstor ~350. In a round trip (knock-out
 * measurements, docs/performance.md) fldcw and ldmxcsr cost ~1 tick each, fnstcw almost
 * nothing: so the x87 control word is loaded only when the current one differs (fnstcw and a
 * compare), MXCSR always (its read, stmxcsr, is the expensive direction, and the sandbox's
 * 0x1f80 and a host's MXCSR with a sticky flag set differ anyway); stmxcsr is done once per
 * direction that needs the old value, and fninit/fnclex/xsave stay off the fast paths.
 *
 * SFI_SCRUB_X87: overwrite the eight x87/MMX registers (one flds of a zero + seven fldz) and
 * mark them empty (emms): "empty" registers still hold their old contents, which fnsave
 * (allowed x87, R15) or MMX moves would reveal. Needs an empty x87 stack (SysV: empty at every
 * call boundary), leaves TOP where it was and the tag word all-empty, does not change the
 * control word. It is called on the host stack, in a page of its own (sandbox.c), so that the
 * x87 instruction and operand pointers the sandbox can read with fnstenv point there and not
 * into libsfi or host data. Clobbers nothing else. */
.macro SFI_SCRUB_X87
	call *sfi__x87_scrub(%rip)
.endm

/* Entering a sandbox (R22), host side: the host's callee-saved registers go on the host
 * stack, and the host %rsp (which the exit gate unwinds to), MXCSR and x87 control word into
 * the context \ctx, host memory the sandbox cannot reach. */
.macro SFI_SAVE_HOST ctx
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, CTX_HOST_RSP(\ctx)
	stmxcsr CTX_MXCSR(\ctx)
	fnstcw CTX_FCW(\ctx)
.endm

/* Zero all 16 vector registers (R22: no host data reaches the sandbox). With AVX: VEX.128
 * zero idioms, which also zero bits 255:128 (up to MAXVL) like vzeroall but are handled at
 * register rename instead of by a microcoded vzeroall (~5 ticks here). Without AVX: the SSE
 * idioms, out of line (SFI_COLD), so that the common path has no taken branch. Clobbers the
 * flags. */
.macro SFI_CLEAR_VECTORS
	testb $1, sfi__have_avx(%rip)
	jz 8f
	vpxor %xmm0, %xmm0, %xmm0
	vpxor %xmm1, %xmm1, %xmm1
	vpxor %xmm2, %xmm2, %xmm2
	vpxor %xmm3, %xmm3, %xmm3
	vpxor %xmm4, %xmm4, %xmm4
	vpxor %xmm5, %xmm5, %xmm5
	vpxor %xmm6, %xmm6, %xmm6
	vpxor %xmm7, %xmm7, %xmm7
	vpxor %xmm8, %xmm8, %xmm8
	vpxor %xmm9, %xmm9, %xmm9
	vpxor %xmm10, %xmm10, %xmm10
	vpxor %xmm11, %xmm11, %xmm11
	vpxor %xmm12, %xmm12, %xmm12
	vpxor %xmm13, %xmm13, %xmm13
	vpxor %xmm14, %xmm14, %xmm14
	vpxor %xmm15, %xmm15, %xmm15
	SFI_COLD
8:	xorps %xmm0, %xmm0
	xorps %xmm1, %xmm1
	xorps %xmm2, %xmm2
	xorps %xmm3, %xmm3
	xorps %xmm4, %xmm4
	xorps %xmm5, %xmm5
	xorps %xmm6, %xmm6
	xorps %xmm7, %xmm7
	xorps %xmm8, %xmm8
	xorps %xmm9, %xmm9
	xorps %xmm10, %xmm10
	xorps %xmm11, %xmm11
	xorps %xmm12, %xmm12
	xorps %xmm13, %xmm13
	xorps %xmm14, %xmm14
	xorps %xmm15, %xmm15
	jmp 9f
	SFI_END_COLD
9:
.endm

/* fnclex unless every x87 exception is masked in the control word at \cw (then flags the
 * sandbox left behind can never fire in host code). \reg: a scratch register (32-bit name).
 * The fnclex is out of line: hosts normally mask everything. */
.macro SFI_FNCLEX_UNLESS_MASKED cw, reg
	movzbl \cw, \reg
	andl $0x3f, \reg
	cmpl $0x3f, \reg
	jne 8f
	SFI_COLD
8:	fnclex
	jmp 9f
	SFI_END_COLD
9:
.endm

/* x87 control word := the word at \want, loaded only if the current one differs (R22 needs
 * the value, not the load: fnstcw and a compare cost less than fldcw). \scratch: 2 bytes of
 * host memory; \reg: a scratch register (32-bit name, its 16-bit name is \reg16). */
.macro SFI_SET_FCW want, scratch, reg, reg16
	fnstcw \scratch
	movzwl \want, \reg
	cmpw \reg16, \scratch
	jne 8f
	SFI_COLD
8:	fldcw \want
	jmp 9f
	SFI_END_COLD
9:
.endm

/* The sandbox's x87 control word (R22) on entry, after SFI_SAVE_HOST stored the host's in the
 * context \ctx: loaded only if the host's differs (hosts rarely change it). */
.macro SFI_SET_SANDBOX_FCW ctx
	cmpw $SFI_SANDBOX_FCW, CTX_FCW(\ctx)
	jne 8f
	SFI_COLD
8:	fldcw sfi__sandbox_fcw(%rip)
	jmp 9f
	SFI_END_COLD
9:
.endm

/* Leaving sandbox code for host code (exit gate, callback gate), after the emms window: the
 * host's x87 control word and MXCSR from the context at \ctx (flags the sandbox left that
 * the host would take are cleared first) and clean upper vector halves. \reg: a scratch
 * register (32-bit name, its 16-bit name is \reg16). The control word is loaded only if the
 * sandbox changed it (it rarely does); MXCSR always (stmxcsr and a compare cost more than
 * ldmxcsr, and the sandbox's status flags differ from the host's anyway). */
.macro SFI_RESTORE_HOST_FP ctx, reg, reg16
	SFI_FNCLEX_UNLESS_MASKED CTX_FCW(\ctx), \reg
	SFI_SET_FCW CTX_FCW(\ctx), CTX_FCW_SCRATCH(\ctx), \reg, \reg16
	ldmxcsr CTX_MXCSR(\ctx)
	testb $1, sfi__have_avx(%rip)
	jz 6f
	vzeroupper
6:
.endm

/* The general registers the sandbox gets as zero (R22) that no entry path loads with an
 * argument, the base or an address: %r14 (R4), the callee-saved ones and %r10. */
.macro SFI_ZERO_SANDBOX_GPRS
	xorl %r14d, %r14d
	xorl %ebx, %ebx
	xorl %ebp, %ebp
	xorl %r12d, %r12d
	xorl %r13d, %r13d
	xorl %r10d, %r10d
.endm
#endif

#endif
