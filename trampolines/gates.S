/* Host side of the syscall and callback gates (R18, R19).
 *
 * A gate bundle in the sandbox's gate page is `cld; [movl $k, %r11d;] jmpq *%fs:OFF`, where
 * %fs:OFF is this thread's sfi__tls_gate[kind] (host TLS, unreachable for the sandbox: R14
 * forbids %fs). So a gate trusts nothing but its own (read-only) bytes and host TLS.
 *
 * Both dispatchers save the sandbox %rsp in the current context (found via host TLS), run the
 * host part on the host stack below the frame that entered the sandbox, and return into the
 * sandbox with the masked return of R10 performed here, with %r15 reloaded from the context:
 * the fast form (push + ret), so the ret consumes the return-stack-buffer entry of the
 * sandbox's call into the gate and stays predicted, as does every return after it. The only
 * instructions that touch sandbox memory are the final pop and push of the return address;
 * they lie in a "window" (sfi__window_*) that fault.c treats as sandbox code, because a
 * sandbox may enter a gate with %rsp in a guard or in read-only memory. The callback gate's first x87 instructions form a
 * window too: they raise #MF if the sandbox left an unmasked x87 exception pending. */
#include "sfi_ctx.h"

	.text

/* Callback gate: %r11d = import index. Scratch (not SysV arguments): %rax, %r10, %r11.
 * A callback is a SysV call from the sandbox: its x87 stack is empty and its vector and
 * caller-saved registers are dead, so only its MXCSR and x87 control word (callee-saved) are
 * kept; everything the host could have left in a register is cleared on the way back. */
	.globl sfi__gate_callback
	.type sfi__gate_callback,@function
	.p2align 5
sfi__gate_callback:
	movq sfi__tls_cur@GOTTPOFF(%rip), %rax
	movq %fs:(%rax), %rax
	movq %rsp, CTX_SBX_RSP(%rax)
	movq CTX_HOST_RSP(%rax), %rsp
	andq $-16, %rsp
	subq $CB_FRAME, %rsp
	movq %rdi, 0(%rsp)
	movq %rsi, 8(%rsp)
	movq %rdx, 16(%rsp)
	movq %rcx, 24(%rsp)
	movq %r8, 32(%rsp)
	movq %r9, 40(%rsp)
	movq %xmm0, 48(%rsp)
	movq %xmm1, 56(%rsp)
	movq %xmm2, 64(%rsp)
	movq %xmm3, 72(%rsp)
	movq %xmm4, 80(%rsp)
	movq %xmm5, 88(%rsp)
	movq %xmm6, 96(%rsp)
	movq %xmm7, 104(%rsp)
	movq $0, CB_RET(%rsp)
	stmxcsr CB_MXCSR(%rsp)
	fnstcw CB_FCW(%rsp)
	movq %rax, CB_CTX(%rsp)
	/* host FP environment for host code: empty x87 stack, host control registers */
	.globl sfi__window_cbin_start
sfi__window_cbin_start:
	emms                            /* #MF here: a pending sandbox exception (fault.c) */
	.globl sfi__window_cbin_end
sfi__window_cbin_end:
	SFI_RESTORE_HOST_FP %rax, %r10d, %r10w
	movq %rax, %rdi
	movl %r11d, %esi
	movq %rsp, %rdx
	call sfi__callback_dispatch     /* uint64_t (ctx, idx, args) */
	movq CB_CTX(%rsp), %rcx
	cmpl $0, CTX_ABORT(%rcx)
	jne sfi__abort_resume
	/* No host data may flow back: clear every vector and x87 register and every caller-saved
	 * GPR the host code may have left a host pointer in. Callee-saved ones are the sandbox's
	 * own. The host function returned with an empty x87 stack (SysV). */
	SFI_CLEAR_VECTORS
	movq CB_RET(%rsp), %xmm0
	SFI_SCRUB_X87
	SFI_SET_FCW CB_FCW(%rsp), CB_TMPCW(%rsp), %edx, %dx   /* %rdx is cleared below */
	ldmxcsr CB_MXCSR(%rsp)
	movq CTX_BASE(%rcx), %r15
	movq CTX_SBX_RSP(%rcx), %rsp
	xorl %ecx, %ecx
	xorl %edx, %edx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %r8d, %r8d
	xorl %r9d, %r9d
	xorl %r10d, %r10d
	/* DF = 0: the host function returned (SysV) */
	.globl sfi__window_cb_start
sfi__window_cb_start:
	popq %r11
	andl $-32, %r11d
	addq %r15, %r11
	pushq %r11             /* R10 fast return: pairs with the sandbox's call (return-stack prediction) */
	retq
	.globl sfi__window_cb_end
sfi__window_cb_end:
	.size sfi__gate_callback, .-sfi__gate_callback

/* Syscall gate (R18): number in %rax, arguments in %rdi %rsi %rdx %r10 %r8 %r9, result in %rax;
 * %rcx and %r11 are clobbered (scratch here), every other register is preserved.
 *
 * What the host C code (sfi__syscall_dispatch and the handler, compiled normally) may change
 * is exactly what is saved here: the SysV caller-saved GPRs (pushed), all 16 vector registers
 * in full (ymm with AVX, else xmm: host code may use AVX), MXCSR (the host's is loaded for
 * host code; the sandbox's, status flags included, is put back) and the x87 control word
 * (likewise). Callee-saved GPRs survive the host call by SysV; %r15 is reloaded from host
 * memory anyway. The x87/MMX data registers, tag and status word are not touched: a syscall
 * handler must not use x87 (long double) or MMX (docs/embedding.md). Saving them would cost
 * fxsave+fxrstor, ~230 ticks, five times the rest of the gate. */
	.globl sfi__gate_syscall
	.type sfi__gate_syscall,@function
	.p2align 5
sfi__gate_syscall:
	movq sfi__tls_cur@GOTTPOFF(%rip), %rcx
	movq %fs:(%rcx), %rcx
	movq %rsp, CTX_SBX_RSP(%rcx)
	movq CTX_HOST_RSP(%rcx), %rsp
	pushq %rbp                      /* the sandbox's %rbp; ours is the frame pointer below */
	movq %rsp, %rbp
	pushq %r9                       /* args[6] = rdi rsi rdx r10 r8 r9 at -48(%rbp) */
	pushq %r8
	pushq %r10
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rax                      /* nr, later the result: -56(%rbp) */
	pushq %rcx                      /* ctx: -64(%rbp) */
	subq $16, %rsp                  /* sandbox MXCSR -80(%rbp), x87 control word -76(%rbp),
	                                 * scratch for SFI_SET_FCW -74(%rbp) */
	stmxcsr -80(%rbp)
	fnstcw -76(%rbp)
	subq $512, %rsp
	andq $-32, %rsp
	testb $1, sfi__have_avx(%rip)
	jz 1f
	vmovdqa %ymm0, 0(%rsp)
	vmovdqa %ymm1, 32(%rsp)
	vmovdqa %ymm2, 64(%rsp)
	vmovdqa %ymm3, 96(%rsp)
	vmovdqa %ymm4, 128(%rsp)
	vmovdqa %ymm5, 160(%rsp)
	vmovdqa %ymm6, 192(%rsp)
	vmovdqa %ymm7, 224(%rsp)
	vmovdqa %ymm8, 256(%rsp)
	vmovdqa %ymm9, 288(%rsp)
	vmovdqa %ymm10, 320(%rsp)
	vmovdqa %ymm11, 352(%rsp)
	vmovdqa %ymm12, 384(%rsp)
	vmovdqa %ymm13, 416(%rsp)
	vmovdqa %ymm14, 448(%rsp)
	vmovdqa %ymm15, 480(%rsp)
	vzeroupper
	jmp 2f
1:	movdqa %xmm0, 0(%rsp)
	movdqa %xmm1, 32(%rsp)
	movdqa %xmm2, 64(%rsp)
	movdqa %xmm3, 96(%rsp)
	movdqa %xmm4, 128(%rsp)
	movdqa %xmm5, 160(%rsp)
	movdqa %xmm6, 192(%rsp)
	movdqa %xmm7, 224(%rsp)
	movdqa %xmm8, 256(%rsp)
	movdqa %xmm9, 288(%rsp)
	movdqa %xmm10, 320(%rsp)
	movdqa %xmm11, 352(%rsp)
	movdqa %xmm12, 384(%rsp)
	movdqa %xmm13, 416(%rsp)
	movdqa %xmm14, 448(%rsp)
	movdqa %xmm15, 480(%rsp)
2:	SFI_FNCLEX_UNLESS_MASKED CTX_FCW(%rcx), %r10d   /* %r10 is saved in args[] */
	SFI_SET_FCW CTX_FCW(%rcx), CTX_FCW_SCRATCH(%rcx), %r10d, %r10w
	ldmxcsr CTX_MXCSR(%rcx)
	movq %rcx, %rdi
	movq -56(%rbp), %rsi
	leaq -48(%rbp), %rdx
	call sfi__syscall_dispatch      /* int64_t (ctx, nr, args) */
	movq %rax, -56(%rbp)
	movq -64(%rbp), %rcx
	cmpl $0, CTX_ABORT(%rcx)
	jne sfi__abort_resume
	testb $1, sfi__have_avx(%rip)
	jz 3f
	vmovdqa 0(%rsp), %ymm0
	vmovdqa 32(%rsp), %ymm1
	vmovdqa 64(%rsp), %ymm2
	vmovdqa 96(%rsp), %ymm3
	vmovdqa 128(%rsp), %ymm4
	vmovdqa 160(%rsp), %ymm5
	vmovdqa 192(%rsp), %ymm6
	vmovdqa 224(%rsp), %ymm7
	vmovdqa 256(%rsp), %ymm8
	vmovdqa 288(%rsp), %ymm9
	vmovdqa 320(%rsp), %ymm10
	vmovdqa 352(%rsp), %ymm11
	vmovdqa 384(%rsp), %ymm12
	vmovdqa 416(%rsp), %ymm13
	vmovdqa 448(%rsp), %ymm14
	vmovdqa 480(%rsp), %ymm15
	jmp 4f
3:	movdqa 0(%rsp), %xmm0
	movdqa 32(%rsp), %xmm1
	movdqa 64(%rsp), %xmm2
	movdqa 96(%rsp), %xmm3
	movdqa 128(%rsp), %xmm4
	movdqa 160(%rsp), %xmm5
	movdqa 192(%rsp), %xmm6
	movdqa 224(%rsp), %xmm7
	movdqa 256(%rsp), %xmm8
	movdqa 288(%rsp), %xmm9
	movdqa 320(%rsp), %xmm10
	movdqa 352(%rsp), %xmm11
	movdqa 384(%rsp), %xmm12
	movdqa 416(%rsp), %xmm13
	movdqa 448(%rsp), %xmm14
	movdqa 480(%rsp), %xmm15
4:	SFI_SET_FCW -76(%rbp), -74(%rbp), %r11d, %r11w   /* %r11: clobbered by the gate (R18) */
	ldmxcsr -80(%rbp)
	movq -56(%rbp), %rax
	leaq -48(%rbp), %rsp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %r10
	popq %r8
	popq %r9
	popq %rbp
	movq CTX_BASE(%rcx), %r15
	movq CTX_SBX_RSP(%rcx), %rsp
	xorl %ecx, %ecx
	/* DF = 0: the gate bundle cleared it and the host code returned (SysV) */
	.globl sfi__window_sys_start
sfi__window_sys_start:
	popq %r11
	andl $-32, %r11d
	addq %r15, %r11
	pushq %r11             /* R10 fast return: pairs with the sandbox's call (return-stack prediction) */
	retq
	.globl sfi__window_sys_end
sfi__window_sys_end:
	.size sfi__gate_syscall, .-sfi__gate_syscall

	.section .note.GNU-stack,"",@progbits
