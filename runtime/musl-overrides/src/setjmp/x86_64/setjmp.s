/* sfi override of musl's setjmp.s (docs/runtime.md, "musl overrides").
 * musl saves %r14 and %r15 too. In the sandbox %r15 is the base and %r14 the
 * mask register (docs/sandbox-abi.md R3, R4): sandbox code may neither read
 * them as callee-saved values nor restore them, and sfi-as rejects the
 * original. jmp_buf layout stays musl's (8 words): rbx rbp r12 r13 - - rsp pc;
 * slots 4 and 5 are left unused. */
.global __setjmp
.global _setjmp
.global setjmp
.type __setjmp,@function
.type _setjmp,@function
.type setjmp,@function
__setjmp:
_setjmp:
setjmp:
	mov %rbx,(%rdi)
	mov %rbp,8(%rdi)
	mov %r12,16(%rdi)
	mov %r13,24(%rdi)
	lea 8(%rsp),%rdx        /* rsp without our return address */
	mov %rdx,48(%rdi)
	mov (%rsp),%rdx         /* return address: a bundle start (R8) */
	mov %rdx,56(%rdi)
	xor %eax,%eax
	ret                     /* sfi-as emits the masked return (R10) */
