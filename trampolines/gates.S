/* Host side of the syscall and callback gates (R18, R19).
 *
 * A gate bundle in the sandbox's gate page is `cld; [movl $k, %r11d;] jmpq *%fs:OFF`, where
 * %fs:OFF is this thread's sfi__tls_gate[kind] (host TLS, unreachable for the sandbox: R14
 * forbids %fs). So a gate trusts nothing but its own (read-only) bytes and host TLS.
 *
 * Both dispatchers save the sandbox %rsp in the current context (found via host TLS), run the
 * host part on the host stack below the frame that entered the sandbox, and return into the
 * sandbox with the masked return of R10 performed here, with %r15 reloaded from the context.
 * The only instruction that touches sandbox memory is the final pop of the return address; it
 * lies in a "window" (sfi__window_*) that fault.c treats as sandbox code, because a sandbox
 * may enter a gate with %rsp in a guard. */
#include "sfi_ctx.h"

	.text

/* Callback gate: %r11d = import index. Scratch (not SysV arguments): %rax, %r10, %r11. */
	.globl sfi__gate_callback
	.type sfi__gate_callback,@function
	.p2align 4
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
	/* host FP environment for host code */
	fnclex
	emms
	SFI_SET_FCW CTX_FCW(%rax), CB_TMPCW(%rsp), %r10
	SFI_SET_MXCSR CTX_MXCSR(%rax), CB_TMPMX(%rsp), %r10
	movq %rax, %rdi
	movl %r11d, %esi
	movq %rsp, %rdx
	call sfi__callback_dispatch     /* uint64_t (ctx, idx, args) */
	movq CB_CTX(%rsp), %rcx
	cmpl $0, CTX_ABORT(%rcx)
	jne sfi__abort_resume
	/* No host data may flow back: clear every vector register and every caller-saved GPR the
	 * host code may have left a host pointer in. Callee-saved ones are the sandbox's own. */
	testb $1, sfi__have_avx(%rip)
	jz 1f
	vzeroall
	jmp 2f
1:	xorps %xmm0, %xmm0
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
2:	movq CB_RET(%rsp), %xmm0
	SFI_SCRUB_X87
	SFI_SET_FCW CB_FCW(%rsp), CB_TMPCW(%rsp), %r8
	SFI_SET_MXCSR CB_MXCSR(%rsp), CB_TMPMX(%rsp), %r8
	movq CTX_BASE(%rcx), %r15
	movq CTX_SBX_RSP(%rcx), %rsp
	xorl %ecx, %ecx
	xorl %edx, %edx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %r8d, %r8d
	xorl %r9d, %r9d
	xorl %r10d, %r10d
	cld
	.globl sfi__window_cb_start
sfi__window_cb_start:
	popq %r11
	andl $-32, %r11d
	addq %r15, %r11
	jmpq *%r11
	.globl sfi__window_cb_end
sfi__window_cb_end:
	.size sfi__gate_callback, .-sfi__gate_callback

/* Syscall gate (R18): number in %rax, arguments in %rdi %rsi %rdx %r10 %r8 %r9, result in %rax;
 * %rcx and %r11 are clobbered (scratch here), every other register is preserved, including the
 * full extended (x87/SSE/AVX) state, which is saved with xsave (fxsave without XSAVE). */
	.globl sfi__gate_syscall
	.type sfi__gate_syscall,@function
	.p2align 4
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
	movq sfi__xsave_size(%rip), %r11
	testq %r11, %r11
	jz 3f
	subq %r11, %rsp
	andq $-64, %rsp
	/* XRSTOR faults on a non-zero reserved header: clear the 64-byte XSAVE header. */
	movq $0, 512(%rsp)
	movq $0, 520(%rsp)
	movq $0, 528(%rsp)
	movq $0, 536(%rsp)
	movq $0, 544(%rsp)
	movq $0, 552(%rsp)
	movq $0, 560(%rsp)
	movq $0, 568(%rsp)
	movl sfi__xsave_mask_lo(%rip), %eax
	movl sfi__xsave_mask_hi(%rip), %edx
	xsave64 (%rsp)
	jmp 4f
3:	subq $512, %rsp
	andq $-64, %rsp
	fxsave64 (%rsp)
4:	movq -64(%rbp), %rcx
	fnclex                          /* host code: empty x87, host control registers */
	emms
	SFI_SET_FCW CTX_FCW(%rcx), CTX_TMPCW(%rcx), %r10   /* %r10 is saved in args[] */
	SFI_SET_MXCSR CTX_MXCSR(%rcx), CTX_TMPMX(%rcx), %r10
	movq %rcx, %rdi
	movq -56(%rbp), %rsi
	leaq -48(%rbp), %rdx
	call sfi__syscall_dispatch      /* int64_t (ctx, nr, args) */
	movq %rax, -56(%rbp)
	movq -64(%rbp), %rcx
	cmpl $0, CTX_ABORT(%rcx)
	jne sfi__abort_resume
	cmpq $0, sfi__xsave_size(%rip)
	je 5f
	movl sfi__xsave_mask_lo(%rip), %eax
	movl sfi__xsave_mask_hi(%rip), %edx
	xrstor64 (%rsp)
	jmp 6f
5:	fxrstor64 (%rsp)
6:	movq -56(%rbp), %rax
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
	cld
	.globl sfi__window_sys_start
sfi__window_sys_start:
	popq %r11
	andl $-32, %r11d
	addq %r15, %r11
	jmpq *%r11
	.globl sfi__window_sys_end
sfi__window_sys_end:
	.size sfi__gate_syscall, .-sfi__gate_syscall

	.section .note.GNU-stack,"",@progbits
