# The loader's main test module: argument kinds, globals, relocations, callbacks, nesting,
# syscalls, memory, and one function per fault kind.
	.include "sfi.inc"
	SFI_NOTE
	.text

	SFI_IMPORT host_add
	SFI_IMPORT host_scale
	SFI_IMPORT host_reenter

SFI_FUNC __sfi_init
	movq $1234, init_flag(%rip)
	SFI_RET

SFI_FUNC get_init
	movq init_flag(%rip), %rax
	SFI_RET

SFI_FUNC answer
	movl $42, %eax
	SFI_RET

SFI_FUNC add_i64
	leaq (%rdi,%rsi), %rax
	SFI_RET

SFI_FUNC neg_i32
	movl %edi, %eax
	negl %eax
	SFI_RET

SFI_FUNC sum6
	leaq (%rdi,%rsi), %rax
	addq %rdx, %rax
	addq %rcx, %rax
	addq %r8, %rax
	addq %r9, %rax
	SFI_RET

SFI_FUNC add_f64
	addsd %xmm1, %xmm0
	SFI_RET

SFI_FUNC add_f32
	addss %xmm1, %xmm0
	SFI_RET

# double mix(int a, double x, long b, double y) = a*x + b*y
SFI_FUNC mix
	cvtsi2sd %edi, %xmm2
	mulsd %xmm0, %xmm2
	cvtsi2sd %rsi, %xmm3
	mulsd %xmm1, %xmm3
	addsd %xmm3, %xmm2
	movapd %xmm2, %xmm0
	SFI_RET

# double sum8(double a..h)
SFI_FUNC sum8
	addsd %xmm1, %xmm0
	addsd %xmm2, %xmm0
	addsd %xmm3, %xmm0
	addsd %xmm4, %xmm0
	addsd %xmm5, %xmm0
	addsd %xmm6, %xmm0
	addsd %xmm7, %xmm0
	SFI_RET

# void poke(long *p, long v): a store through a sandbox pointer (masked, R11 form a)
SFI_FUNC poke
	movl %edi, %r14d
	movq %rsi, (%r15,%r14,1)
	SFI_RET

SFI_FUNC peek
	movl %edi, %r14d
	movq (%r15,%r14,1), %rax
	SFI_RET

# long strlen_s(const char *s)
SFI_FUNC strlen_s
	xorl %eax, %eax
1:	leal (%rdi,%rax), %r14d
	cmpb $0, (%r15,%r14,1)
	je 2f
	incq %rax
	jmp 1b
2:	SFI_RET

SFI_FUNC set_global
	movq %rdi, g_value(%rip)
	SFI_RET

SFI_FUNC get_global
	movq g_value(%rip), %rax
	SFI_RET

SFI_FUNC addr_global
	leaq g_value(%rip), %rax
	SFI_RET

# the RELATIVE-relocated pointer to g_value
SFI_FUNC get_relocated
	movq g_ptr(%rip), %rax
	SFI_RET

SFI_FUNC get_rsp
	movq %rsp, %rax
	SFI_RET

SFI_FUNC get_r15
	movq %r15, %rax
	SFI_RET

# OR of every register that R22 says is zero on entry (and %r14)
SFI_FUNC entry_regs
	movq %rbx, %rax
	orq %rbp, %rax
	orq %r12, %rax
	orq %r13, %rax
	orq %r14, %rax
	orq %r10, %rax
	SFI_RET

# MXCSR << 16 | x87 control word
SFI_FUNC get_fpenv
	pushq %rax
	stmxcsr (%rsp)
	movl (%rsp), %eax
	shll $16, %eax
	fnstcw (%rsp)
	movzwl (%rsp), %ecx
	orl %ecx, %eax
	popq %rcx
	SFI_RET

# the sandbox may change its own FP control registers; the host's must not change
SFI_FUNC set_fpenv                # (mxcsr, x87 cw)
	pushq %rdi
	ldmxcsr (%rsp)
	movq %rsi, (%rsp)
	fldcw (%rsp)
	popq %rdi
	SFI_RET

# long call_add(long a, long b) = host_add(a, b) + 1
SFI_FUNC call_add
	pushq %rbx
	movq $0x5555, %rbx          # callee-saved: must survive the callback
	SFI_CALL host_add
	cmpq $0x5555, %rbx
	jne 1f
	incq %rax
	popq %rbx
	SFI_RET
1:	movq $-1, %rax
	popq %rbx
	SFI_RET

# double call_scale(double x) = host_scale(x, 3) + 0.5
SFI_FUNC call_scale
	pushq %rbx
	movl $3, %edi
	SFI_CALL host_scale
	addsd half(%rip), %xmm0
	popq %rbx
	SFI_RET

# long nested(long x) = host_reenter(x) + 1000
SFI_FUNC nested
	pushq %rbx
	SFI_CALL host_reenter
	addq $1000, %rax
	popq %rbx
	SFI_RET

# long do_syscall(nr, a, b, c, d, e)
SFI_FUNC do_syscall
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	SFI_SYSCALL
	SFI_RET

# 0 if the syscall gate preserved every register but %rax/%rcx/%r11 (R18)
SFI_FUNC sys_preserve
	pushq %rbx
	movq %rdi, %rax
	movq $66, %rdi
	movq $11, %rsi
	movq $22, %rdx
	movq $55, %r10
	movq $33, %r8
	movq $44, %r9
	movq $77, %rbx
	movsd half(%rip), %xmm5
	movsd half(%rip), %xmm13
	SFI_SYSCALL
	subq $66, %rdi
	subq $11, %rsi
	subq $22, %rdx
	subq $55, %r10
	subq $33, %r8
	subq $44, %r9
	subq $77, %rbx
	orq %rsi, %rdi
	orq %rdx, %rdi
	orq %r10, %rdi
	orq %r8, %rdi
	orq %r9, %rdi
	orq %rbx, %rdi
	movq %xmm5, %rcx
	subq half(%rip), %rcx
	orq %rcx, %rdi
	movq %xmm13, %rcx
	subq half(%rip), %rcx
	orq %rcx, %rdi
	movq %rdi, %rax
	popq %rbx
	SFI_RET

# trivial bump allocator, so sfi_malloc has something to call
SFI_FUNC malloc
	movq heap_next(%rip), %rax
	leaq 15(%rax,%rdi), %rcx
	andq $-16, %rcx
	movq %rcx, heap_next(%rip)
	SFI_RET

SFI_FUNC free
	SFI_RET

# ---- faults ----
SFI_FUNC null_read
	movq (%r15), %rax            # B + 0: the slot's low guard
	SFI_RET

SFI_FUNC div_zero
	xorl %ecx, %ecx
	movl %edi, %eax
	cltd
	idivl %ecx
	SFI_RET

SFI_FUNC do_ud2
	ud2

SFI_FUNC recurse                 # stack overflow into the stack guard
	pushq %rbx                   # (an instruction before the padded call keeps the label aligned)
	SFI_CALL recurse
	SFI_RET

SFI_FUNC spin
1:	jmp 1b

# masked jump to sandbox offset rdi (R9): data pages (NX), guards, unused gates ...
SFI_FUNC jump_to
	movq %rdi, %r11
	SFI_JMP %r11, %r11d

# leaves an unmasked x87 invalid-operation exception (0/0) pending and returns: the exit
# gate's emms raises #MF
SFI_FUNC x87_pending
	pushq %rax
	fnstcw (%rsp)
	andw $0xfffe, (%rsp)         # unmask IE
	fldcw (%rsp)
	fldz
	fldz
	fdivp %st, %st(1)            # 0/0: IE, pending until the next waiting x87 instruction
	popq %rax
	SFI_RET

# the same, but calls a callback with the exception pending: the callback gate's emms raises #MF
SFI_FUNC x87_pending_cb
	pushq %rax
	fnstcw (%rsp)
	andw $0xfffe, (%rsp)         # unmask IE
	fldcw (%rsp)
	fldz
	fldz
	fdivp %st, %st(1)
	movl $1, %edi
	movl $2, %esi
	SFI_CALL host_add
	popq %rcx
	SFI_RET

# (mxcsr, x87 cw, syscall nr): sets its MXCSR and control word, then calls host_add(1, 2), then
# makes system call nr (0: none); returns the MXCSR << 16 | control word it has afterwards: its
# own, whatever the host code in the gates did (R18, R19, R22)
SFI_FUNC fpenv_across_gates
	pushq %rdx
	pushq %rdi
	ldmxcsr (%rsp)
	movq %rsi, (%rsp)
	fldcw (%rsp)
	movl $1, %edi
	movl $2, %esi
	SFI_CALL host_add
	movq 8(%rsp), %rax
	testq %rax, %rax
	jz 1f
	SFI_SYSCALL
1:	SFI_CALL get_fpenv
	popq %rcx
	popq %rcx
	SFI_RET

# leaves the x87 invalid-operation flag set (masked in the sandbox's control word, so no
# exception) and the x87 stack empty
SFI_FUNC x87_flag
	fldz
	fldz
	fdivp %st, %st(1)
	fstp %st(0)
	xorl %eax, %eax
	SFI_RET

# 0 if all 16 ymm registers and the 8 MMX/x87 registers are zero on entry (R22: no host data)
SFI_FUNC vec_nonzero
	movl $1, %eax
	vptest %ymm0, %ymm0
	jnz 1f
	vptest %ymm1, %ymm1
	jnz 1f
	vptest %ymm2, %ymm2
	jnz 1f
	vptest %ymm3, %ymm3
	jnz 1f
	vptest %ymm4, %ymm4
	jnz 1f
	vptest %ymm5, %ymm5
	jnz 1f
	vptest %ymm6, %ymm6
	jnz 1f
	vptest %ymm7, %ymm7
	jnz 1f
	vptest %ymm8, %ymm8
	jnz 1f
	vptest %ymm9, %ymm9
	jnz 1f
	vptest %ymm10, %ymm10
	jnz 1f
	vptest %ymm11, %ymm11
	jnz 1f
	vptest %ymm12, %ymm12
	jnz 1f
	vptest %ymm13, %ymm13
	jnz 1f
	vptest %ymm14, %ymm14
	jnz 1f
	vptest %ymm15, %ymm15
	jnz 1f
	xorl %edx, %edx
	movq %mm0, %rcx
	orq %rcx, %rdx
	movq %mm1, %rcx
	orq %rcx, %rdx
	movq %mm2, %rcx
	orq %rcx, %rdx
	movq %mm3, %rcx
	orq %rcx, %rdx
	movq %mm4, %rcx
	orq %rcx, %rdx
	movq %mm5, %rcx
	orq %rcx, %rdx
	movq %mm6, %rcx
	orq %rcx, %rdx
	movq %mm7, %rcx
	orq %rcx, %rdx
	emms
	testq %rdx, %rdx
	jnz 1f
	xorl %eax, %eax
1:	SFI_RET

# fnstenv's x87 last-instruction pointer (low 32 bits) | last-operand pointer << 32
SFI_FUNC get_fpu_ptrs
	pushq %rax
	pushq %rax
	pushq %rax
	pushq %rax
	fnstenv (%rsp)
	movl 12(%rsp), %eax
	movl 20(%rsp), %ecx
	shlq $32, %rcx
	orq %rcx, %rax
	popq %rdx
	popq %rdx
	popq %rdx
	popq %rdx
	SFI_RET

# 0 if the upper half of %ymm5 survives a syscall whose handler clobbers it (R18)
SFI_FUNC sys_ymm
	vbroadcastsd half(%rip), %ymm5
	movq %rdi, %rax
	SFI_SYSCALL
	vextractf128 $1, %ymm5, %xmm0
	movq %xmm0, %rax
	subq half(%rip), %rax
	vzeroupper
	SFI_RET

	.section .rodata
	.p2align 3
half:	.double 0.5

	.data
	.p2align 3
	.globl g_value
g_value:	.quad 7
g_ptr:		.quad g_value
heap_next:	.quad heap_buf
init_flag:	.quad 0

	.bss
	.p2align 4
heap_buf:	.zero 65536
