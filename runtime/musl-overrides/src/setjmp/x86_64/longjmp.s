/* sfi override of musl's longjmp.s (docs/runtime.md, "musl overrides").
 * musl restores %r14 and %r15 and loads %rsp with a 64-bit mov; all three are
 * forbidden in the sandbox (docs/sandbox-abi.md R3, R4, R12). This version
 * restores only rbx rbp r12 r13, rebases the saved stack pointer into the slot
 * (sfi-as emits R12.3: movl %edx,%r14d, then leaq (%r15,%r14,1),%rsp) and jumps through a
 * register, which sfi-as turns into the masked form of R9. A forged jmp_buf
 * can thus only move the sandbox within its own slot. */
.global _longjmp
.global longjmp
.type _longjmp,@function
.type longjmp,@function
_longjmp:
longjmp:
	xor %eax,%eax
	cmp $1,%esi             /* CF = val ? 0 : 1 */
	adc %esi,%eax           /* eax = val + !val */
	mov (%rdi),%rbx
	mov 8(%rdi),%rbp
	mov 16(%rdi),%r12
	mov 24(%rdi),%r13
	mov 48(%rdi),%rdx
	mov 56(%rdi),%rcx
	mov %rdx,%rsp           /* sfi-as: movl %edx,%r14d; leaq (%r15,%r14,1),%rsp */
	jmp *%rcx
