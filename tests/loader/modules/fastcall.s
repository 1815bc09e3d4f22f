# Module of tests/loader/test_fast_entry.c: the fast entry of sfi_call_i64 (trampolines/fast.S).
	.include "sfi.inc"
	SFI_NOTE
	.text

	SFI_IMPORT host_cb

# ((((a*3 + b)*3 + c)*3 + d)*3 + e)*3 + f: each argument from its own register, in order
SFI_FUNC args6
	leaq (%rdi,%rdi,2), %rax
	addq %rsi, %rax
	leaq (%rax,%rax,2), %rax
	addq %rdx, %rax
	leaq (%rax,%rax,2), %rax
	addq %rcx, %rax
	leaq (%rax,%rax,2), %rax
	addq %r8, %rax
	leaq (%rax,%rax,2), %rax
	addq %r9, %rax
	SFI_RET

# overwrites the host's callee-saved registers (all but %r15), MXCSR (flags set, exceptions
# unmasked) and the x87 control word (single precision, round to nearest, all masked)
SFI_FUNC clobber
	movq $-1, %rbx
	movq $-1, %rbp
	movq $-1, %r12
	movq $-1, %r13
	movl $-1, %r14d
	pushq $0x3f
	ldmxcsr (%rsp)
	fldcw (%rsp)
	popq %rcx
	movl $7, %eax
	SFI_RET

# host_cb(x) + 1
SFI_FUNC call_cb
	pushq %rbx                   # (an instruction before the padded call keeps the label aligned)
	SFI_CALL host_cb
	popq %rbx
	addq $1, %rax
	SFI_RET

SFI_FUNC do_ud2
	ud2

SFI_FUNC spin
1:	jmp 1b
